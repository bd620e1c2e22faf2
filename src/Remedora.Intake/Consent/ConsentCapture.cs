namespace Remedora.Intake.Consent;

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
