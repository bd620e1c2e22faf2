namespace Remedora.Intake;

/// <summary>A URI (for <see cref="FormItemType.Url"/> items).</summary>
/// <param name="Value">The value.</param>
public sealed record UriAnswer(string Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Uri;

    /// <inheritdoc/>
    public override string FormatValue() => Value;
}
