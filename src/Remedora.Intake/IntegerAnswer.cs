using System.Globalization;

namespace Remedora.Intake;

/// <summary>A whole number.</summary>
/// <param name="Value">The value.</param>
public sealed record IntegerAnswer(int Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Integer;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString(CultureInfo.InvariantCulture);
}
