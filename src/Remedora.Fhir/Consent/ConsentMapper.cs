using Hl7.Fhir.Model;
using Remedora.Intake.Consent;

namespace Remedora.Fhir.Consent;

/// <summary>Exports captured consents (<see cref="ConsentRecord"/>) as FHIR R4 Consent resources.</summary>
public static class ConsentMapper
{
    private const string ConsentScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private const string ParticipationSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /// <summary>
    /// Exports a consent as a FHIR Consent: status <c>active</c> or <c>inactive</c> (revoked), scope treatment, the
    /// patient, when it was signed, who signed (the patient, or a guardian or legal representative by role), the permit
    /// provision from signing to revocation, and <c>sourceReference</c> to the signed document version (or to the
    /// QuestionnaireResponse the consent was captured with).
    /// </summary>
    /// <param name="record">The consent.</param>
    /// <param name="sourceReference">
    /// What the patient signed, as a FHIR reference: by default <c>DocumentReference/{DocumentId}</c> (the consent document
    /// version); pass <c>QuestionnaireResponse/{id}</c> when the consent was captured as a form response.
    /// </param>
    /// <returns>The Consent.</returns>
    public static Hl7.Fhir.Model.Consent Export(ConsentRecord record, string? sourceReference = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var consent = new Hl7.Fhir.Model.Consent
        {
            Id = record.Id.ToString(),
            Status = record.Status == ConsentStatus.Revoked ? Hl7.Fhir.Model.Consent.ConsentState.Inactive : Hl7.Fhir.Model.Consent.ConsentState.Active,
            Scope = new CodeableConcept(ConsentScopeSystem, "treatment", "Treatment"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent", record.Kind)],
            Patient = new ResourceReference(FhirReferences.Patient(record.PatientId)),
            DateTimeElement = new FhirDateTime(record.SignedAt),
            PolicyRule = new CodeableConcept(ActCodeSystem, "OPTIN", "opt-in"),
            Source = new ResourceReference(sourceReference ?? $"DocumentReference/{record.DocumentId}")
            {
                Display = $"{record.Kind} consent, version {record.DocumentVersion}",
            },
            Provision = new Hl7.Fhir.Model.Consent.provisionComponent
            {
                Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
                Period = new Period(new FhirDateTime(record.SignedAt), record.RevokedAt is { } revoked ? new FhirDateTime(revoked) : null),
            },
        };

        consent.Performer.Add(record.SignerRole switch
        {
            ConsentSignerRole.Patient => new ResourceReference(FhirReferences.Patient(record.PatientId)),
            ConsentSignerRole.Guardian => new ResourceReference { Type = "RelatedPerson", Display = "guardian" },
            _ => new ResourceReference { Type = "RelatedPerson", Display = "legal representative" },
        });
        if (record.SignerRole != ConsentSignerRole.Patient)
        {
            consent.Provision.Actor.Add(new Hl7.Fhir.Model.Consent.provisionActorComponent
            {
                Role = new CodeableConcept(ParticipationSystem, record.SignerRole == ConsentSignerRole.Guardian ? "GUARD" : "POWATT"),
                Reference = consent.Performer[0],
            });
        }

        return consent;
    }

    /// <summary>Exports a consent as a FHIR Consent in R4 JSON.</summary>
    /// <param name="record">The consent.</param>
    /// <param name="sourceReference">What the patient signed, as a FHIR reference (see <see cref="Export"/>).</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public static string ExportJson(ConsentRecord record, string? sourceReference = null, bool pretty = false)
        => FhirFormats.ToJson(Export(record, sourceReference), pretty);
}
