using System.Security.Cryptography;
using System.Text;

namespace Remedora.Intake.Consent;

/// <summary>
/// One version of a consent document (for example the practice's telehealth consent): its text and the hash of the
/// text, so a signature names exactly what was shown. A published version never changes; a new text is a new version.
/// </summary>
public sealed record ConsentDocument
{
    /// <summary>The resource type recorded in audit events.</summary>
    public const string ResourceType = "ConsentDocument";

    /// <summary>Gets the id of this version.</summary>
    public required Id<ConsentDocument> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the kind of consent, for example <see cref="Clinical.ConsentKinds.Telehealth"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the version label, for example <c>2024-05</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the text shown to the signer (markdown).</summary>
    public required string Text { get; init; }

    /// <summary>Gets the SHA-256 hash of the UTF-8 text, lower-case hex.</summary>
    public required string TextHash { get; init; }

    /// <summary>Gets the jurisdictions the document applies to; empty applies everywhere.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; init; } = [];

    /// <summary>Gets when the version takes effect; consents to older versions of the kind stop counting then.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Gets when the version was published.</summary>
    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>Gets the stored version (optimistic concurrency).</summary>
    public long StoredVersion { get; init; }

    /// <summary>Computes the hash of a consent text: SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static string HashText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Determines whether the document applies in a jurisdiction (a country-wide document applies in its subdivisions).</summary>
    /// <param name="jurisdiction">The jurisdiction.</param>
    /// <returns><see langword="true"/> when it applies.</returns>
    public bool AppliesIn(Jurisdiction jurisdiction)
        => Jurisdictions.Count == 0 || Jurisdictions.Any(j => j == jurisdiction || (j.Code.Length == 2 && j.Country == jurisdiction.Country));

    /// <summary>Returns the kind and version only.</summary>
    /// <returns>For example <c>ConsentDocument telehealth 2024-05</c>.</returns>
    public override string ToString() => $"ConsentDocument {Kind} {Version}";
}

/// <summary>Who signed a consent, relative to the patient it is for.</summary>
public enum ConsentSignerRole
{
    /// <summary>The patient signed for themselves.</summary>
    Patient = 0,

    /// <summary>A parent or legal guardian signed for the patient.</summary>
    Guardian = 1,

    /// <summary>Another legally authorised representative signed for the patient.</summary>
    LegalRepresentative = 2,
}

/// <summary>How a consent was signed.</summary>
public enum SignatureMethod
{
    /// <summary>The signer typed their name.</summary>
    TypedName = 0,

    /// <summary>The signer ticked a checkbox.</summary>
    Checkbox = 1,

    /// <summary>The signer drew a signature; the drawing is stored apart and referenced.</summary>
    Drawn = 2,
}

/// <summary>Whether a consent is in force.</summary>
public enum ConsentStatus
{
    /// <summary>In force.</summary>
    Active = 0,

    /// <summary>Withdrawn by the patient or their representative.</summary>
    Revoked = 1,
}

/// <summary>A captured consent: who signed which version of which document, for whom, when, how and from where.</summary>
public sealed record ConsentRecord
{
    /// <summary>The resource type recorded in audit events.</summary>
    public const string ResourceType = "Consent";

    /// <summary>Gets the id.</summary>
    public required Id<ConsentRecord> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient the consent is for.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the kind of consent.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the document version signed.</summary>
    public required Id<ConsentDocument> DocumentId { get; init; }

    /// <summary>Gets the version label of the document signed.</summary>
    public required string DocumentVersion { get; init; }

    /// <summary>Gets the hash of the text signed.</summary>
    public required string TextHash { get; init; }

    /// <summary>Gets the jurisdiction the consent was given in.</summary>
    public required Jurisdiction Jurisdiction { get; init; }

    /// <summary>Gets who signed relative to the patient.</summary>
    public required ConsentSignerRole SignerRole { get; init; }

    /// <summary>Gets the signer's name as given.</summary>
    [Phi]
    public required string SignerName { get; init; }

    /// <summary>Gets the signer's relationship to the patient, for a guardian or representative (for example <c>mother</c>).</summary>
    [Phi]
    public string? SignerRelationship { get; init; }

    /// <summary>Gets the user id of the account that captured the signature.</summary>
    public required string CapturedBy { get; init; }

    /// <summary>Gets how it was signed.</summary>
    public required SignatureMethod Method { get; init; }

    /// <summary>Gets the signature itself: the typed name, or a reference to the stored drawing; none for a checkbox.</summary>
    [Phi]
    public string? Signature { get; init; }

    /// <summary>Gets when it was signed.</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>Gets where the signature came from (application, network address, device).</summary>
    public RequestSource? Source { get; init; }

    /// <summary>Gets whether the consent is in force.</summary>
    public ConsentStatus Status { get; init; } = ConsentStatus.Active;

    /// <summary>Gets when it was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets the user id of whoever revoked it.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>Gets why it was revoked (no patient data).</summary>
    public string? RevocationReason { get; init; }

    /// <summary>Gets the stored version (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>Returns the id, kind and status only.</summary>
    /// <returns>For example <c>Consent 0193… telehealth Active</c>.</returns>
    public override string ToString() => $"Consent {Id} {Kind} {Status}";
}

/// <summary>What to capture: the signer's consent to one document version for one patient.</summary>
public sealed record ConsentCapture
{
    /// <summary>Gets the patient the consent is for.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the document version shown and signed.</summary>
    public required Id<ConsentDocument> DocumentId { get; init; }

    /// <summary>Gets the hash of the text that was shown; it must match the document's, so the signature names what was read.</summary>
    public required string TextHash { get; init; }

    /// <summary>Gets the jurisdiction the consent is given in (the patient's).</summary>
    public required Jurisdiction Jurisdiction { get; init; }

    /// <summary>Gets who signs relative to the patient.</summary>
    public ConsentSignerRole SignerRole { get; init; } = ConsentSignerRole.Patient;

    /// <summary>Gets the signer's name.</summary>
    [Phi]
    public required string SignerName { get; init; }

    /// <summary>Gets the signer's relationship to the patient (required for a guardian or representative).</summary>
    [Phi]
    public string? SignerRelationship { get; init; }

    /// <summary>Gets how it is signed.</summary>
    public required SignatureMethod Method { get; init; }

    /// <summary>Gets the signature: the typed name (for <see cref="SignatureMethod.TypedName"/>) or a reference to the stored drawing.</summary>
    [Phi]
    public string? Signature { get; init; }
}
