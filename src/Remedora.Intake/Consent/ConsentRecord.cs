namespace Remedora.Intake.Consent;

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
