namespace Remedora.Intake;

/// <summary>
/// A file answered by reference (a photo, a document), as FHIR <c>Attachment</c>. The content itself is stored apart
/// from the answers; the answer names it by <see cref="Url"/> and states its content type and size so they can be checked.
/// </summary>
public sealed record FormAttachment
{
    /// <summary>Gets the MIME type of the content, for example <c>image/jpeg</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets where the content is stored, for example an object-store URI or <c>Binary/123</c>.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the size of the content in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Gets the base64 SHA-1 hash of the content, as FHIR <c>Attachment.hash</c>.</summary>
    public string? Hash { get; init; }

    /// <summary>Gets the label to display in place of the content.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the human language of the content (BCP 47).</summary>
    public string? Language { get; init; }

    /// <summary>Gets when the content was first created.</summary>
    public FormDateTime? Creation { get; init; }
}
