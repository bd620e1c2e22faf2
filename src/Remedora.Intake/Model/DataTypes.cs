namespace Remedora.Intake;

/// <summary>A code from a code system, as FHIR <c>Coding</c>.</summary>
/// <param name="System">The code system's URI, for example <c>http://loinc.org</c>.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The human-readable text of the code.</param>
/// <param name="Version">The code system's version.</param>
public sealed record FormCoding(string? System = null, string? Code = null, string? Display = null, string? Version = null)
{
    /// <summary>Determines whether two codings name the same concept: equal codes, and equal systems when both have one.</summary>
    /// <param name="other">The other coding.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(FormCoding? other)
        => other is not null
            && string.Equals(Code, other.Code, StringComparison.Ordinal)
            && (System is null || other.System is null || string.Equals(System, other.System, StringComparison.Ordinal));
}

/// <summary>How a <see cref="FormQuantity"/> value is to be understood, as FHIR <c>Quantity.comparator</c>.</summary>
public enum QuantityComparator
{
    /// <summary>The actual value is less than the stated value (<c>&lt;</c>).</summary>
    LessThan = 0,

    /// <summary>The actual value is less than or equal to the stated value (<c>&lt;=</c>).</summary>
    LessOrEqual = 1,

    /// <summary>The actual value is greater than or equal to the stated value (<c>&gt;=</c>).</summary>
    GreaterOrEqual = 2,

    /// <summary>The actual value is greater than the stated value (<c>&gt;</c>).</summary>
    GreaterThan = 3,
}

/// <summary>A measured amount with its unit, as FHIR <c>Quantity</c>.</summary>
/// <param name="Value">The numeric value.</param>
/// <param name="Unit">The unit as displayed, for example <c>kg</c>.</param>
/// <param name="System">The system of the coded unit, usually <c>http://unitsofmeasure.org</c> (UCUM).</param>
/// <param name="Code">The coded unit, for example <c>kg</c> or <c>[in_i]</c>.</param>
/// <param name="Comparator">How to understand the value, when it is not exact.</param>
public sealed record FormQuantity(decimal? Value = null, string? Unit = null, string? System = null, string? Code = null, QuantityComparator? Comparator = null)
{
    /// <summary>Determines whether two quantities are in the same unit (same code and system, or same display unit when uncoded).</summary>
    /// <param name="other">The other quantity.</param>
    /// <returns><see langword="true"/> when their units match, or either has no unit.</returns>
    public bool HasSameUnit(FormQuantity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Code is not null && other.Code is not null)
        {
            return string.Equals(Code, other.Code, StringComparison.Ordinal)
                && (System is null || other.System is null || string.Equals(System, other.System, StringComparison.Ordinal));
        }

        return Unit is null || other.Unit is null || string.Equals(Unit, other.Unit, StringComparison.Ordinal);
    }
}

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

/// <summary>A reference to another record, as FHIR <c>Reference</c>.</summary>
/// <param name="Reference">The literal reference, for example <c>Practitioner/123</c> or an absolute URL.</param>
/// <param name="Type">The type the reference refers to, for example <c>Practitioner</c>.</param>
/// <param name="Display">Text alternative for the reference.</param>
public sealed record FormReference(string? Reference = null, string? Type = null, string? Display = null);

/// <summary>A business identifier of a form, as FHIR <c>Identifier</c> (system and value).</summary>
/// <param name="System">The namespace of the value.</param>
/// <param name="Value">The value.</param>
public sealed record FormIdentifier(string? System = null, string? Value = null);

/// <summary>A time range with inclusive bounds, either of which may be open.</summary>
/// <param name="Start">The start.</param>
/// <param name="End">The end.</param>
public sealed record FormPeriod(FormDateTime? Start = null, FormDateTime? End = null);

/// <summary>
/// Content of the source format that the model does not interpret, kept so it is written back unchanged
/// (for example a FHIR extension the engine does not use, such as a rendering hint).
/// </summary>
/// <param name="Url">The identifying URL of the extension.</param>
/// <param name="Json">The extension's complete JSON text in the source format, including <c>url</c>.</param>
public sealed record FormExtension(string Url, string Json);
