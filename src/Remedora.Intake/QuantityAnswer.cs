using System.Globalization;

namespace Remedora.Intake;

/// <summary>A quantity with a unit.</summary>
/// <param name="Value">The quantity.</param>
public sealed record QuantityAnswer(FormQuantity Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Quantity;

    /// <inheritdoc/>
    public override string FormatValue()
    {
        var number = Value.Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var unit = Value.Unit ?? Value.Code;
        return unit is null ? number : $"{number} {unit}";
    }
}
