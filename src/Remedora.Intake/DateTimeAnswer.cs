namespace Remedora.Intake;

/// <summary>A date and time, possibly partial.</summary>
/// <param name="Value">The value.</param>
public sealed record DateTimeAnswer(FormDateTime Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.DateTime;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString();
}
