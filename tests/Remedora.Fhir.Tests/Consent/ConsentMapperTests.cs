using Remedora.Fhir.Consent;
using Remedora.Intake.Consent;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Remedora.Fhir.Tests.Consent;

[Collection(FhirSpecificationCollection.Name)]
public class ConsentMapperTests(FhirSpecificationFixture fixture)
{
    private static readonly DateTimeOffset SignedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static ConsentRecord Record(ConsentSignerRole role = ConsentSignerRole.Patient, DateTimeOffset? revokedAt = null) => new()
    {
        Id = Id<ConsentRecord>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b21"),
        TenantId = TenantId.Parse("clinic-a"),
        PatientId = Id<Patient>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b11"),
        Kind = "telehealth",
        DocumentId = Id<ConsentDocument>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b31"),
        DocumentVersion = "2026-01",
        TextHash = ConsentDocument.HashText("I consent to telehealth."),
        Jurisdiction = Jurisdiction.Parse("US-CA"),
        SignerRole = role,
        SignerName = "Pat Example",
        CapturedBy = "user-1",
        Method = SignatureMethod.TypedName,
        Signature = "Pat Example",
        SignedAt = SignedAt,
        Status = revokedAt is null ? ConsentStatus.Active : ConsentStatus.Revoked,
        RevokedAt = revokedAt,
    };

    [Fact]
    public void Export_PatientConsent_IsAValidActiveConsentThatPointsAtTheSignedDocument()
    {
        var consent = ConsentMapper.Export(Record());

        Assert.Equal(FhirConsent.ConsentState.Active, consent.Status);
        Assert.Equal("Patient/0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b11", consent.Patient!.Reference);
        Assert.Equal("DocumentReference/0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b31", ((Hl7.Fhir.Model.ResourceReference)consent.Source!).Reference);
        Assert.Equal("2026-01-02T03:04:05+00:00", consent.DateTime);
        Assert.Equal(consent.Patient!.Reference, Assert.Single(consent.Performer).Reference);
        var report = fixture.Validator.Validate(consent);
        Assert.True(report.IsValid, string.Join("; ", report.Errors.Select(e => $"{e.Location}: {e.Message}")));
        Assert.DoesNotContain("Pat Example", ConsentMapper.ExportJson(Record()), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RevokedGuardianConsent_IsInactiveWithTheProvisionEndedAndTheGuardianRole()
    {
        var consent = ConsentMapper.Export(Record(ConsentSignerRole.Guardian, SignedAt.AddDays(3)), "QuestionnaireResponse/r1");

        Assert.Equal(FhirConsent.ConsentState.Inactive, consent.Status);
        Assert.Equal("2026-01-05T03:04:05+00:00", consent.Provision!.Period!.End);
        Assert.Equal("QuestionnaireResponse/r1", ((Hl7.Fhir.Model.ResourceReference)consent.Source!).Reference);
        Assert.Equal("GUARD", Assert.Single(consent.Provision!.Actor).Role.Coding[0].Code);
        var report = fixture.Validator.Validate(consent);
        Assert.True(report.IsValid, string.Join("; ", report.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }
}
