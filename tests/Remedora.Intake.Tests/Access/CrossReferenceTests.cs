using Remedora.Access;
using System.Text.RegularExpressions;
using Remedora.Clinical;
using Remedora.Intake.Consent;
using Remedora.Intake.Submissions;
using Remedora.Intake.Tests.Submissions;

namespace Remedora.Intake.Tests.Access;

/// <summary>
/// Every intake command and read that names a record (a patient, a case, a submission, a consent document, a consent),
/// tried by another patient, a clinician off the care team, another tenant's staff and an administrator without
/// purpose with substituted ids: each fails exactly as the same call with a random id, changes no document or outbox
/// message, and leaves a denied or failed attempt in the actor's audit trail. Each provider derives one class.
/// </summary>
public abstract partial class CrossReferenceTests : IAsyncLifetime
{
    private static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");
    private static readonly Id<Practitioner> CareClinicianId = Id<Practitioner>.New();
    private static readonly Id<Practitioner> StrangerId = Id<Practitioner>.New();
    private static readonly Id<Practitioner> OtherTenantClinicianId = Id<Practitioner>.New();

    private IntakeStorage _storage = null!;
    private Patient _a = null!;
    private Patient _c = null!;
    private Patient _x = null!;
    private CareCase _caseA = null!;
    private CareCase _caseC = null!;
    private CareCase _caseX = null!;
    private IntakeSubmission _submissionA = null!;
    private ConsentDocument _documentT1 = null!;
    private ConsentDocument _documentT2 = null!;
    private ConsentRecord _consentA = null!;
    private ConsentRecord _consentC = null!;

    protected abstract Task<IntakeStorage> CreateStorageAsync();

    private static TenantId T1 => IntakeStorage.Tenant;

    private static TenantId T2 => IntakeStorage.OtherTenant;

    private ActorContext PatientA => ActorContext.ForPatient(T1, _a.Id);

    private ActorContext PatientC => ActorContext.ForPatient(T1, _c.Id);

    private static ActorContext CareClinician => ActorContext.ForClinician(T1, CareClinicianId);

    private static ActorContext Stranger => ActorContext.ForClinician(T1, StrangerId);

    private static ActorContext Admin => ActorContext.ForAdministrator(T1, "admin-1", PurposeOfUse.Operations);

    private static ActorContext AdminWithoutPurpose => ActorContext.ForAdministrator(T1, "admin-2");

    private static ActorContext OtherTenantAdmin => ActorContext.ForAdministrator(T2, "admin-t2", PurposeOfUse.Operations);

    private static ActorContext OtherTenantClinician => ActorContext.ForClinician(T2, OtherTenantClinicianId);

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        _a = await _storage.AddPatientAsync(Id<Patient>.New());
        _c = await _storage.AddPatientAsync(Id<Patient>.New());
        _x = await _storage.AddPatientAsync(Id<Patient>.New(), T2);
        _caseA = await _storage.AddCaseAsync(_a);
        _caseC = await _storage.AddCaseAsync(_c);
        _caseX = await _storage.AddCaseAsync(_x);
        _storage.Relationships.AddTenantMember(T1, CareClinicianId).AddTenantMember(T1, StrangerId).AddTenantMember(T2, OtherTenantClinicianId);
        _storage.Relationships.AddCareTeamMember(T1, CareClinicianId, _a.Id);
        _storage.Relationships.AddCareTeamMember(T2, OtherTenantClinicianId, _x.Id);
        _submissionA = await _storage.Submissions.SubmitAsync(PatientA, _a.Id, Answers(), _caseA.Id);
        await _storage.Submissions.SubmitAsync(PatientC, _c.Id, Answers(), _caseC.Id);
        _documentT1 = await _storage.Consents.PublishDocumentAsync(Admin, ConsentKinds.Telehealth, "2026-01", "Telehealth consent", "Consent text of tenant one.", _storage.Clock.GetUtcNow());
        _documentT2 = await _storage.Consents.PublishDocumentAsync(OtherTenantAdmin, ConsentKinds.Telehealth, "2026-01", "Telehealth consent", "Consent text of tenant two.", _storage.Clock.GetUtcNow());
        _consentA = await _storage.Consents.CaptureAsync(PatientA, Capture(_a.Id, _documentT1));
        _consentC = await _storage.Consents.CaptureAsync(PatientC, Capture(_c.Id, _documentT1));
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static FormResponse Answers(int last = 0) => SampleForms.Phq9Answers(SampleForms.Phq9(), 0, 0, 0, 0, 0, 0, 0, 0, last);

    private static ConsentCapture Capture(Id<Patient> patient, ConsentDocument document) => new()
    {
        PatientId = patient,
        DocumentId = document.Id,
        TextHash = document.TextHash,
        Jurisdiction = California,
        SignerName = "Alex Example",
        Method = SignatureMethod.Checkbox,
    };

    private static ConsentCapture Capture(Id<Patient> patient, Id<ConsentDocument> documentId, string textHash) => new()
    {
        PatientId = patient,
        DocumentId = documentId,
        TextHash = textHash,
        Jurisdiction = California,
        SignerName = "Alex Example",
        Method = SignatureMethod.Checkbox,
    };

    /// <summary>A call with a substituted id, and the same call with a random id in its place.</summary>
    private sealed record Attack(string Name, ActorContext Actor, Func<Task> Call, Func<Task> WithRandomId);

    private IEnumerable<Attack> Attacks()
    {
        var s = _storage.Submissions;
        var k = _storage.Consents;
        var phq9 = Answers(1);
        static Id<Patient> P() => Id<Patient>.New();
        static Id<CareCase> K() => Id<CareCase>.New();

        // SubmitAsync: the patient named, and the case named.
        yield return new("submit: patient A, case of patient C", PatientA, () => s.SubmitAsync(PatientA, _a.Id, phq9, _caseC.Id), () => s.SubmitAsync(PatientA, _a.Id, phq9, K()));
        yield return new("submit: patient A for patient C", PatientA, () => s.SubmitAsync(PatientA, _c.Id, phq9), () => s.SubmitAsync(PatientA, P(), phq9));
        yield return new("submit: patient A for C with C's case", PatientA, () => s.SubmitAsync(PatientA, _c.Id, phq9, _caseC.Id), () => s.SubmitAsync(PatientA, P(), phq9, K()));
        yield return new("submit: patient A, case of another tenant", PatientA, () => s.SubmitAsync(PatientA, _a.Id, phq9, _caseX.Id), () => s.SubmitAsync(PatientA, _a.Id, phq9, K()));
        yield return new("submit: care-team clinician, case of patient C", CareClinician, () => s.SubmitAsync(CareClinician, _a.Id, phq9, _caseC.Id), () => s.SubmitAsync(CareClinician, _a.Id, phq9, K()));
        yield return new("submit: clinician off the team", Stranger, () => s.SubmitAsync(Stranger, _a.Id, phq9, _caseA.Id), () => s.SubmitAsync(Stranger, P(), phq9, K()));
        yield return new("submit: administrator without purpose", AdminWithoutPurpose, () => s.SubmitAsync(AdminWithoutPurpose, _a.Id, phq9, _caseA.Id), () => s.SubmitAsync(AdminWithoutPurpose, P(), phq9, K()));
        yield return new("submit: administrator, case of patient C", Admin, () => s.SubmitAsync(Admin, _a.Id, phq9, _caseC.Id), () => s.SubmitAsync(Admin, _a.Id, phq9, K()));
        yield return new("submit: another tenant's administrator for A", OtherTenantAdmin, () => s.SubmitAsync(OtherTenantAdmin, _a.Id, phq9), () => s.SubmitAsync(OtherTenantAdmin, P(), phq9));
        yield return new("submit: another tenant's administrator, A's case", OtherTenantAdmin, () => s.SubmitAsync(OtherTenantAdmin, _x.Id, phq9, _caseA.Id), () => s.SubmitAsync(OtherTenantAdmin, _x.Id, phq9, K()));
        yield return new("submit: another tenant's clinician", OtherTenantClinician, () => s.SubmitAsync(OtherTenantClinician, _a.Id, phq9, _caseA.Id), () => s.SubmitAsync(OtherTenantClinician, P(), phq9, K()));

        // CorrectAsync, GetAsync, GetHistoryAsync, ListForPatientAsync on A's submission.
        foreach (var actor in new[] { PatientC, Stranger, AdminWithoutPurpose, OtherTenantAdmin, OtherTenantClinician })
        {
            yield return new($"correct: {actor.Role} {actor.UserId}", actor, () => s.CorrectAsync(actor, _submissionA.Id, phq9, "typo"), () => s.CorrectAsync(actor, Id<IntakeSubmission>.New(), phq9, "typo"));
            yield return new($"get submission: {actor.Role} {actor.UserId}", actor, () => s.GetAsync(actor, _submissionA.Id), () => s.GetAsync(actor, Id<IntakeSubmission>.New()));
            yield return new($"submission history: {actor.Role} {actor.UserId}", actor, () => s.GetHistoryAsync(actor, _submissionA.Id), () => s.GetHistoryAsync(actor, Id<IntakeSubmission>.New()));
            yield return new($"get consent: {actor.Role} {actor.UserId}", actor, () => k.GetAsync(actor, _consentA.Id), () => k.GetAsync(actor, Id<ConsentRecord>.New()));
            yield return new($"revoke consent: {actor.Role} {actor.UserId}", actor, () => k.RevokeAsync(actor, _consentA.Id, "request"), () => k.RevokeAsync(actor, Id<ConsentRecord>.New(), "request"));
        }

        foreach (var actor in new[] { PatientC, Stranger, AdminWithoutPurpose })
        {
            yield return new($"list submissions: {actor.Role} {actor.UserId}", actor, () => s.ListForPatientAsync(actor, _a.Id), () => s.ListForPatientAsync(actor, P()));
            yield return new($"list consents: {actor.Role} {actor.UserId}", actor, () => k.ListForPatientAsync(actor, _a.Id), () => k.ListForPatientAsync(actor, P()));
        }

        // A patient reaching for another patient's consent, and consent documents of another tenant.
        yield return new("revoke: patient A, consent of patient C", PatientA, () => k.RevokeAsync(PatientA, _consentC.Id, "request"), () => k.RevokeAsync(PatientA, Id<ConsentRecord>.New(), "request"));
        yield return new("get consent: patient A, consent of patient C", PatientA, () => k.GetAsync(PatientA, _consentC.Id), () => k.GetAsync(PatientA, Id<ConsentRecord>.New()));
        yield return new("capture: patient A for patient C", PatientA, () => k.CaptureAsync(PatientA, Capture(_c.Id, _documentT1)), () => k.CaptureAsync(PatientA, Capture(P(), _documentT1)));
        yield return new("capture: patient A, another tenant's document", PatientA, () => k.CaptureAsync(PatientA, Capture(_a.Id, _documentT2)), () => k.CaptureAsync(PatientA, Capture(_a.Id, Id<ConsentDocument>.New(), _documentT2.TextHash)));
        yield return new("capture: clinician off the team", Stranger, () => k.CaptureAsync(Stranger, Capture(_a.Id, _documentT1)), () => k.CaptureAsync(Stranger, Capture(P(), _documentT1)));
        yield return new("capture: administrator without purpose", AdminWithoutPurpose, () => k.CaptureAsync(AdminWithoutPurpose, Capture(_a.Id, _documentT1)), () => k.CaptureAsync(AdminWithoutPurpose, Capture(P(), _documentT1)));
        yield return new("capture: another tenant's administrator for A", OtherTenantAdmin, () => k.CaptureAsync(OtherTenantAdmin, Capture(_a.Id, _documentT2)), () => k.CaptureAsync(OtherTenantAdmin, Capture(P(), _documentT2)));
        yield return new("capture: another tenant's administrator, tenant one's document", OtherTenantAdmin, () => k.CaptureAsync(OtherTenantAdmin, Capture(_x.Id, _documentT1)), () => k.CaptureAsync(OtherTenantAdmin, Capture(_x.Id, Id<ConsentDocument>.New(), _documentT1.TextHash)));
        yield return new("capture: another tenant's clinician, tenant one's document", OtherTenantClinician, () => k.CaptureAsync(OtherTenantClinician, Capture(_x.Id, _documentT1)), () => k.CaptureAsync(OtherTenantClinician, Capture(_x.Id, Id<ConsentDocument>.New(), _documentT1.TextHash)));
        yield return new("publish: administrator without purpose", AdminWithoutPurpose, () => k.PublishDocumentAsync(AdminWithoutPurpose, ConsentKinds.Telehealth, "x", "t", "text", _storage.Clock.GetUtcNow()), () => k.PublishDocumentAsync(AdminWithoutPurpose, ConsentKinds.Telehealth, "y", "t", "text", _storage.Clock.GetUtcNow()));
    }

    [SkippableFact]
    public async Task EveryEntryPoint_SubstitutedIds_FailLikeARandomIdChangeNothingAndAreAudited()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var attack in Attacks())
        {
            count++;
            var before = await _storage.SnapshotAsync();
            var refusalsBefore = await RefusalsAsync(attack.Actor);

            var ex = await Record.ExceptionAsync(attack.Call);
            var refusalsAfterAttack = await RefusalsAsync(attack.Actor);
            var random = await Record.ExceptionAsync(attack.WithRandomId);
            var after = await _storage.SnapshotAsync();

            if (ex is not RecordNotFoundException notFound)
            {
                failures.Add($"{attack.Name}: {(ex is null ? "succeeded" : ex.GetType().Name)} instead of RecordNotFoundException");
                continue;
            }

            if (random is not RecordNotFoundException randomNotFound)
            {
                failures.Add($"{attack.Name}: the random-id call gave {(random is null ? "success" : random.GetType().Name)}");
                continue;
            }

            if ((notFound.Code, notFound.ResourceType, Shape(notFound.Message)) != (randomNotFound.Code, randomNotFound.ResourceType, Shape(randomNotFound.Message)))
            {
                failures.Add($"{attack.Name}: '{notFound.ResourceType}: {Shape(notFound.Message)}' differs from the random id's '{randomNotFound.ResourceType}: {Shape(randomNotFound.Message)}'");
            }

            if (before != after)
            {
                failures.Add($"{attack.Name}: changed storage from [{before}] to [{after}]");
            }

            if (refusalsAfterAttack <= refusalsBefore)
            {
                failures.Add($"{attack.Name}: no denied or failed attempt was audited");
            }
        }

        Assert.True(count >= 45, $"only {count} attacks ran");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [SkippableFact]
    public async Task SubmitAsync_CaseOfAnotherPatient_IsAuditedInThatPatientsTrailAndPublishesNothing()
    {
        var outboxBefore = await _storage.SnapshotAsync();

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.SubmitAsync(PatientA, _a.Id, SampleForms.Phq9Answers(SampleForms.Phq9(), 3, 3, 3, 3, 3, 3, 3, 3, 3), _caseC.Id));

        Assert.Equal(outboxBefore, await _storage.SnapshotAsync());
        var denied = Assert.Single(await _storage.AuditEventsAsync(), e => e.Outcome == AuditOutcome.Denied && e.ResourceType == ResourceTypes.CareCase);
        Assert.Equal((_caseC.Id.ToString(), (Id<Patient>?)_c.Id, PatientA.UserId), (denied.ResourceId, denied.PatientId, denied.ActorId));
        Assert.DoesNotContain(await _storage.Submissions.ListForPatientAsync(PatientA, _a.Id), x => x.CaseId == _caseC.Id);
    }

    [SkippableFact]
    public async Task Commands_SameReferencesInScope_Succeed()
    {
        // The attacks above differ from these only by the substituted id or the actor.
        var submitted = await _storage.Submissions.SubmitAsync(PatientA, _a.Id, Answers(1), _caseA.Id);
        var byClinician = await _storage.Submissions.SubmitAsync(CareClinician, _a.Id, Answers(), _caseA.Id);
        var byAdmin = await _storage.Submissions.SubmitAsync(Admin, _a.Id, Answers());
        var corrected = await _storage.Submissions.CorrectAsync(CareClinician, _submissionA.Id, Answers(1), "typo");
        var otherTenant = await _storage.Submissions.SubmitAsync(OtherTenantClinician, _x.Id, Answers(), _caseX.Id);
        var consent = await _storage.Consents.CaptureAsync(CareClinician, Capture(_a.Id, _documentT1));
        var revoked = await _storage.Consents.RevokeAsync(PatientA, _consentA.Id, "request");

        Assert.Equal(_caseA.Id, submitted.CaseId);
        Assert.Equal(_caseA.Id, byClinician.CaseId);
        Assert.Equal(_a.Id, byAdmin.PatientId);
        Assert.Equal((_caseA.Id, 2), (corrected.CaseId!.Value, corrected.Revision));
        Assert.Equal(T2, otherTenant.TenantId);
        Assert.Equal(_a.Id, consent.PatientId);
        Assert.Equal(ConsentStatus.Revoked, revoked.Status);
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Outcome == AuditOutcome.Success && e.ResourceType == ResourceTypes.CareCase && e.ResourceId == _caseA.Id.ToString() && e.ActorId == PatientA.UserId);
    }

    [SkippableFact]
    public async Task ListForPatientAsync_OtherTenantsAdministratorWithPatientIdOfTenantOne_SeesNothingLikeARandomId()
    {
        var known = await _storage.Submissions.ListForPatientAsync(OtherTenantAdmin, _a.Id);
        var random = await _storage.Submissions.ListForPatientAsync(OtherTenantAdmin, Id<Patient>.New());
        var knownConsents = await _storage.Consents.ListForPatientAsync(OtherTenantAdmin, _a.Id);

        Assert.Empty(known);
        Assert.Empty(random);
        Assert.Empty(knownConsents);
    }

    [SkippableFact]
    public async Task CorrectAsync_AnswersToAnotherForm_IsRefusedAndStoresNothing()
    {
        var before = await _storage.SnapshotAsync();
        var telehealth = new FormResponse { Form = SampleForms.Telehealth().Reference };

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.CorrectAsync(PatientA, _submissionA.Id, telehealth, "wrong form"));

        Assert.Equal(Remedora.Intake.Engine.IntakeProblemCodes.FormVersionMismatch, Assert.Single(ex.Problems).Code);
        Assert.Equal(before, await _storage.SnapshotAsync());
    }

    [SkippableFact]
    public async Task SubmitAsync_PatientTheTenantDoesNotHave_LooksLikeAnOutOfScopePatient()
    {
        var before = await _storage.SnapshotAsync();
        var missing = Id<Patient>.New();

        var byAdmin = await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.SubmitAsync(Admin, missing, Answers()));
        var byPatient = await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.SubmitAsync(ActorContext.ForPatient(T1, missing), missing, Answers()));
        var outOfScope = await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.SubmitAsync(PatientA, _c.Id, Answers()));

        Assert.All(new[] { byAdmin, byPatient }, e => Assert.Equal((outOfScope.ResourceType, Shape(outOfScope.Message)), (e.ResourceType, Shape(e.Message))));
        Assert.Equal(before, await _storage.SnapshotAsync());
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Outcome == AuditOutcome.Denied && e.ActorId == Admin.UserId && e.PatientId == missing);
    }

    private async Task<int> RefusalsAsync(ActorContext actor)
        => (await _storage.AuditEventsAsync(actor.TenantId)).Count(e => e.ActorId == actor.UserId && e.Outcome is AuditOutcome.Denied or AuditOutcome.Failed);

    private static string Shape(string message) => Guid().Replace(message, "<id>");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}

public sealed class InMemoryCrossReferenceTests : CrossReferenceTests
{
    protected override Task<IntakeStorage> CreateStorageAsync() => Task.FromResult<IntakeStorage>(new InMemoryIntakeStorage());
}

public sealed class SqliteCrossReferenceTests : CrossReferenceTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await SqliteIntakeStorage.CreateAsync();
}

public sealed class PostgreSqlCrossReferenceTests : CrossReferenceTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await PostgresIntakeStorage.CreateAsync();
}
