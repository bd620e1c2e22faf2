using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class AuditReportsTests
{
    private readonly AuditHarness _harness = new();
    private readonly Id<Patient> _patient = Id<Patient>.New();
    private readonly Id<Practitioner> _doctor = Id<Practitioner>.New();

    private ActorContext Patient => ActorContext.ForPatient(_harness.Tenant, _patient);

    private ActorContext Doctor => ActorContext.ForClinician(_harness.Tenant, _doctor, "dr-chen");

    [Fact]
    public async Task GetAccessLogAsync_Patient_SeesWhoAccessedTheirRecordsNewestFirst()
    {
        _harness.Relationships.CareTeams.Add((_doctor, _patient));
        await ReadAsync(Doctor, "Encounter");
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await ReadAsync(Doctor, "CareCase");
        await ReadAsync(ActorContext.ForClinician(_harness.Tenant, Id<Practitioner>.New(), "dr-nosy"), "CareCase", expectDenied: true);
        await ReadAsync(Doctor, "Patient", patient: Id<Patient>.New(), expectDenied: true);

        var log = await _harness.Reports.GetAccessLogAsync(Patient, _patient);

        Assert.Equal(
            [("dr-nosy", "CareCase", AuditOutcome.Denied), ("dr-chen", "CareCase", AuditOutcome.Success), ("dr-chen", "Encounter", AuditOutcome.Success)],
            log.Items.Select(e => (e.ActorId, e.ResourceType, e.Outcome)).ToArray());
        Assert.All(log.Items, e => Assert.Equal(ActorRole.Clinician, e.ActorRole));
        var own = _harness.Events[^1];
        Assert.Equal((AuditAction.Read, "AuditLog", _patient, AuditOutcome.Success), (own.Action, own.ResourceType, own.PatientId, own.Outcome));
        Assert.EndsWith("report:access-log", own.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessLogAsync_AnotherPatient_LooksLikeNotFoundAndIsAuditedAsDenied()
    {
        var stranger = ActorContext.ForPatient(_harness.Tenant, Id<Patient>.New());

        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => _harness.Reports.GetAccessLogAsync(stranger, _patient));

        Assert.Equal(("AuditLog", _patient.ToString()), (error.ResourceType, error.ResourceId));
        var denied = Assert.Single(_harness.Events);
        Assert.Equal((AuditOutcome.Denied, _patient), (denied.Outcome, denied.PatientId));
        Assert.EndsWith("report:access-log", denied.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessLogAsync_BreakGlassAccess_IsFlagged()
    {
        var emergency = ActorContext.ForClinician(_harness.Tenant, Id<Practitioner>.New(), "dr-er").WithBreakGlass("unresponsive on arrival", _harness.Clock.GetUtcNow());
        await ReadAsync(emergency, "Patient");

        var entry = Assert.Single((await _harness.Reports.GetAccessLogAsync(_harness.Admin, _patient)).Items);

        Assert.True(entry.IsBreakGlass);
        Assert.Equal(("unresponsive on arrival", PurposeOfUse.EmergencyTreatment), (entry.BreakGlassReason, entry.PurposeOfUse));
    }

    [Fact]
    public async Task GetAccessLogAsync_Paged_WalksEveryEntryOnce()
    {
        _harness.Relationships.CareTeams.Add((_doctor, _patient));
        for (var i = 0; i < 7; i++)
        {
            await ReadAsync(Doctor, $"Type{i}");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _harness.Reports.GetAccessLogAsync(Patient, _patient, new PatientAuditQuery { Limit = 3, ContinuationToken = token });
            seen.AddRange(page.Items.Where(e => e.ActorId == "dr-chen").Select(e => e.ResourceType));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"Type{i}"), seen);
    }

    [Fact]
    public async Task RecordDisclosureAsync_ThenGetDisclosures_ListsDateRecipientPurposeAndWhat()
    {
        _harness.Relationships.CareTeams.Add((_doctor, _patient));
        await _harness.Reports.RecordDisclosureAsync(Doctor, _patient, "MedicationRequest", "rx-1", new Disclosure("Acme Pharmacy", "treatment", "prescription and allergy list"));
        _harness.Clock.Advance(TimeSpan.FromDays(3));
        await _harness.Reports.RecordDisclosureAsync(Doctor, _patient, "Immunization", null, new Disclosure("State registry", "public health", "immunization record"));

        var disclosures = await _harness.Reports.GetDisclosuresAsync(Patient, _patient);

        Assert.Equal(
            [
                (AuditFixtures.Start.AddDays(3), "State registry", "public health", "immunization record", "Immunization"),
                (AuditFixtures.Start, "Acme Pharmacy", "treatment", "prescription and allergy list", "MedicationRequest"),
            ],
            disclosures.Items.Select(d => (d.DisclosedAt, d.Recipient, d.Purpose, d.Description, d.ResourceType)).ToArray());
    }

    [Fact]
    public async Task RecordDisclosureAsync_CoordinatorMayNotDisclose_IsDeniedAndAudited()
    {
        var coordinatorId = Id<Practitioner>.New();
        _harness.Relationships.CareTeams.Add((coordinatorId, _patient));
        var coordinator = ActorContext.ForCareCoordinator(_harness.Tenant, coordinatorId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _harness.Reports.RecordDisclosureAsync(coordinator, _patient, "CareCase", null, new Disclosure("Employer", "none", "diagnosis")));

        var denied = Assert.Single(_harness.Events);
        Assert.Equal((AuditAction.Disclose, AuditOutcome.Denied, "Employer"), (denied.Action, denied.Outcome, denied.Disclosure?.Recipient));
        Assert.Empty((await _harness.Reports.GetDisclosuresAsync(_harness.System, _patient)).Items);
    }

    [Fact]
    public async Task QueryAsync_AdministratorWithPurpose_FiltersByTimeActorPatientActionAndOutcome()
    {
        _harness.Relationships.CareTeams.Add((_doctor, _patient));
        await ReadAsync(Doctor, "Encounter");
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        var from = _harness.Clock.GetUtcNow();
        await ReadAsync(Doctor, "CareCase");
        await ReadAsync(ActorContext.ForClinician(_harness.Tenant, Id<Practitioner>.New(), "dr-nosy"), "CareCase", expectDenied: true);

        var denied = await _harness.Reports.QueryAsync(_harness.Admin, new AuditQuery { From = from, PatientId = _patient, Outcome = AuditOutcome.Denied });
        var byDoctor = await _harness.Reports.QueryAsync(_harness.Admin, new AuditQuery { ActorId = "dr-chen", Action = AuditAction.Read, To = from });

        Assert.Equal("dr-nosy", Assert.Single(denied.Items).Event.ActorId);
        Assert.Equal("Encounter", Assert.Single(byDoctor.Items).Event.ResourceType);
        Assert.Equal((AuditAction.Search, "AuditLog", "admin-1"), (_harness.Events[^1].Action, _harness.Events[^1].ResourceType, _harness.Events[^1].ActorId));
    }

    [Theory]
    [InlineData(ActorRole.Patient)]
    [InlineData(ActorRole.Clinician)]
    [InlineData(ActorRole.Pharmacist)]
    public async Task QueryAsync_NonAdministrativeRole_IsDeniedAndAudited(ActorRole role)
    {
        var actor = role switch
        {
            ActorRole.Patient => Patient,
            ActorRole.Clinician => Doctor,
            _ => ActorContext.ForPharmacist(_harness.Tenant, Id<Practitioner>.New()),
        };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _harness.Reports.QueryAsync(actor, new AuditQuery()));

        var audited = Assert.Single(_harness.Events);
        Assert.Equal((AuditAction.Search, AuditOutcome.Denied, "AuditLog"), (audited.Action, audited.Outcome, audited.ResourceType));
    }

    private async Task ReadAsync(ActorContext actor, string resourceType, Id<Patient>? patient = null, bool expectDenied = false)
    {
        await using var session = _harness.Storage.OpenSession(_harness.Tenant);
        var request = new Remedora.Access.AccessRequest(actor, Remedora.Access.AccessAction.Read, resourceType, _harness.Tenant, patient ?? _patient, "r-1");
        if (expectDenied)
        {
            await Assert.ThrowsAsync<RecordNotFoundException>(() => _harness.Guard.AuthorizeAsync(session, request));
            return;
        }

        await _harness.Guard.AuthorizeAsync(session, request);
        await session.CommitAsync();
    }
}
