namespace Remedora.Intake;

/// <summary>Text (for both <see cref="FormItemType.String"/> and <see cref="FormItemType.Text"/> items).</summary>
/// <param name="Value">The value.</param>
public sealed record StringAnswer(string Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.String;

    /// <inheritdoc/>
    public override string FormatValue() => Value;
}
