namespace Remedora.Fhir.Questionnaires;

/// <summary>The stable codes of <see cref="QuestionnaireResponseImportIssue"/>s.</summary>
public static class QuestionnaireResponseImportIssueCodes
{
    /// <summary>The response names another Questionnaire than the form passed; its answers are imported against the form passed.</summary>
    public const string FormMismatch = "form-mismatch";

    /// <summary>An item's linkId is not in the form; the item and everything under it is left out.</summary>
    public const string UnknownItem = "unknown-item";

    /// <summary>An item is not where the form has it (for example a flat response, or a group's child under an answer); it was moved to the form's place.</summary>
    public const string Misplaced = "misplaced-item";

    /// <summary>An item belongs under a question's answer but that question has no answer in the response; it is left out.</summary>
    public const string NoPlace = "no-place";

    /// <summary>An item has no linkId; it is left out.</summary>
    public const string MissingLinkId = "missing-link-id";

    /// <summary>An answer has no value, or a value of a type an answer cannot have; it is left out.</summary>
    public const string AnswerNotReadable = "answer-not-readable";

    /// <summary>An answer's value type does not fit the form item's type; it is kept as it is and fails validation on submission.</summary>
    public const string AnswerTypeMismatch = "answer-type-mismatch";

    /// <summary>An extension the form model has no place for (on an item, an answer, or a value other than a Coding); it is left out.</summary>
    public const string ExtensionNotKept = "extension-not-kept";

    /// <summary>
    /// An attachment answer carries its content inline (<c>data</c>) and either has a url of its own (which is kept) or
    /// is too large: as a data URL it would be longer than R4's 1 MB string limit. The content is left out; its size and
    /// SHA-1 hash are kept (computed from the data when the attachment does not state them).
    /// </summary>
    public const string AttachmentDataNotKept = "attachment-data-not-kept";

    /// <summary>
    /// An attachment answer carries its content inline (<c>data</c>) and no url: the content is kept as an RFC 2397 data
    /// URL (<c>data:{contentType};base64,...</c>) in <c>FormAttachment.Url</c>, which is exported as <c>Attachment.url</c>.
    /// </summary>
    public const string AttachmentDataAsUrl = "attachment-data-as-url";
}
