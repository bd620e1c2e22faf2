using System.Globalization;

namespace Remedora.Intake;

/// <summary>A decimal number; the scale (trailing zeros) is kept.</summary>
/// <param name="Value">The value.</param>
public sealed record DecimalAnswer(decimal Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Decimal;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString(CultureInfo.InvariantCulture);
}
