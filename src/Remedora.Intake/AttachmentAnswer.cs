namespace Remedora.Intake;

/// <summary>A file, by reference.</summary>
/// <param name="Value">The attachment.</param>
public sealed record AttachmentAnswer(FormAttachment Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Attachment;

    /// <inheritdoc/>
    public override string FormatValue() => Value.Title ?? Value.Url ?? string.Empty;
}
