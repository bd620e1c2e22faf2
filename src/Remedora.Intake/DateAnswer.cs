namespace Remedora.Intake;

/// <summary>A date, possibly partial.</summary>
/// <param name="Value">The value.</param>
public sealed record DateAnswer(FormDate Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Date;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString();
}
