using Remedora.Clinical;
using Remedora.Intake.Consent;
using Remedora.Intake.Tests.Submissions;

namespace Remedora.Intake.Tests.Consent;

/// <summary>Consent on a real storage provider. Each provider runs the same tests by deriving one class.</summary>
public abstract class ConsentStorageTests : IAsyncLifetime
{
    private const string Text = "I agree to receive care through telehealth. I understand that ...";
    private static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");
    private static readonly Id<Patient> PatientId = Id<Patient>.New();
    private static readonly Id<Patient> ChildId = Id<Patient>.New();

    private IntakeStorage _storage = null!;

    protected abstract Task<IntakeStorage> CreateStorageAsync();

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        await _storage.AddPatientAsync(PatientId);
        await _storage.AddPatientAsync(ChildId);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static ActorContext Admin => ActorContext.ForAdministrator(IntakeStorage.Tenant, "admin-1", PurposeOfUse.Operations);

    private static ActorContext Patient => ActorContext.ForPatient(IntakeStorage.Tenant, PatientId).WithSource(new RequestSource("patient-portal", "203.0.113.7", "Safari"));

    private Task<ConsentDocument> PublishAsync(string version = "2026-01", string text = Text, DateTimeOffset? effectiveFrom = null, params Jurisdiction[] jurisdictions)
        => _storage.Consents.PublishDocumentAsync(Admin, ConsentKinds.Telehealth, version, "Telehealth consent", text, effectiveFrom ?? _storage.Clock.GetUtcNow(), jurisdictions);

    private static ConsentCapture Typed(ConsentDocument document, Id<Patient>? patient = null) => new()
    {
        PatientId = patient ?? PatientId,
        DocumentId = document.Id,
        TextHash = document.TextHash,
        Jurisdiction = California,
        SignerName = "Alex Example",
        Method = SignatureMethod.TypedName,
        Signature = "Alex Example",
    };

    private ValueTask<ConsentCheckResult> CheckAsync(Id<Patient>? patient = null, Jurisdiction? jurisdiction = null)
        => _storage.Consents.CheckAsync(new ConsentCheckRequest(IntakeStorage.Tenant, patient ?? PatientId, ConsentKinds.Telehealth, jurisdiction ?? California, _storage.Clock.GetUtcNow()));

    [SkippableFact]
    public async Task CaptureAsync_PatientTypesName_RecordsWhoWhenHowWhichVersionAndWhereAndIsActive()
    {
        var document = await PublishAsync(jurisdictions: [Jurisdiction.Parse("US")]);
        Assert.Equal(ConsentDocument.HashText(Text), document.TextHash);
        Assert.Equal(64, document.TextHash.Length);

        var consent = await _storage.Consents.CaptureAsync(Patient, Typed(document));

        Assert.Equal((document.Id, "2026-01", document.TextHash), (consent.DocumentId, consent.DocumentVersion, consent.TextHash));
        Assert.Equal((ConsentSignerRole.Patient, SignatureMethod.TypedName, Patient.UserId), (consent.SignerRole, consent.Method, consent.CapturedBy));
        Assert.Equal(_storage.Clock.GetUtcNow(), consent.SignedAt);
        Assert.Equal("203.0.113.7", consent.Source!.NetworkAddress);
        var check = await CheckAsync();
        Assert.Equal((true, consent.Id.ToString(), (string?)null), (check.IsActive, check.ConsentId, check.Reason));
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Action == AuditAction.Create && e.ResourceType == ConsentRecord.ResourceType && e.ResourceId == consent.Id.ToString() && e.Source?.NetworkAddress == "203.0.113.7");
    }

    [SkippableFact]
    public async Task CaptureAsync_GuardianForChild_NeedsRelationshipAndRecordsIt()
    {
        var document = await PublishAsync();
        var guardian = ActorContext.ForPatient(IntakeStorage.Tenant, ChildId, userId: "parent-account");

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Consents.CaptureAsync(guardian, Typed(document, ChildId) with { SignerRole = ConsentSignerRole.Guardian, Method = SignatureMethod.Drawn, Signature = null }));
        var consent = await _storage.Consents.CaptureAsync(guardian, Typed(document, ChildId) with { SignerRole = ConsentSignerRole.Guardian, SignerRelationship = "mother", Method = SignatureMethod.Drawn, Signature = "https://files.example.org/signatures/1.png" });

        Assert.Equal(["signerRelationship", "signature"], missing.Problems.Select(p => p.Path).ToArray());
        Assert.Equal((ConsentSignerRole.Guardian, "mother", "parent-account"), (consent.SignerRole, consent.SignerRelationship, consent.CapturedBy));
        Assert.True((await CheckAsync(ChildId)).IsActive);
    }

    [SkippableFact]
    public async Task CaptureAsync_TextHashNotTheDocuments_IsRefused()
    {
        var document = await PublishAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Consents.CaptureAsync(Patient, Typed(document) with { TextHash = ConsentDocument.HashText("another text") }));

        Assert.Equal("consent-text-mismatch", Assert.Single(ex.Problems).Code);
        Assert.Equal(ConsentService.ReasonMissing, (await CheckAsync()).Reason);
    }

    [SkippableFact]
    public async Task RevokeAsync_ActiveConsent_CheckFailsAsRevokedAndIsAudited()
    {
        var document = await PublishAsync();
        var consent = await _storage.Consents.CaptureAsync(Patient, Typed(document) with { Method = SignatureMethod.Checkbox, Signature = null });

        _storage.Clock.Advance(TimeSpan.FromDays(3));
        var revoked = await _storage.Consents.RevokeAsync(Patient, consent.Id, "patient request");
        var again = await _storage.Consents.RevokeAsync(Patient, consent.Id, "patient request");

        Assert.Equal((ConsentStatus.Revoked, _storage.Clock.GetUtcNow(), Patient.UserId), (revoked.Status, revoked.RevokedAt!.Value, revoked.RevokedBy!));
        Assert.Equal(revoked.Version, again.Version);
        var check = await CheckAsync();
        Assert.Equal((false, ConsentService.ReasonRevoked), (check.IsActive, check.Reason));
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Action == AuditAction.Update && e.ResourceId == consent.Id.ToString() && e.Outcome == AuditOutcome.Success);
    }

    [SkippableFact]
    public async Task CheckAsync_NewVersionInEffect_OldConsentNoLongerCounts()
    {
        var v1 = await PublishAsync();
        await _storage.Consents.CaptureAsync(Patient, Typed(v1));
        var v2 = await PublishAsync("2026-06", Text + " Updated.", _storage.Clock.GetUtcNow().AddDays(30));

        Assert.True((await CheckAsync()).IsActive);
        _storage.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(ConsentService.ReasonSupersededVersion, (await CheckAsync()).Reason);
        Assert.Equal(v2.Id, (await _storage.Consents.GetCurrentDocumentAsync(Patient, ConsentKinds.Telehealth, California))!.Id);

        await _storage.Consents.CaptureAsync(Patient, Typed(v2));
        Assert.True((await CheckAsync()).IsActive);
    }

    [SkippableFact]
    public async Task CheckAsync_OtherJurisdictionOrNoDocument_IsNotActive()
    {
        Assert.Equal(ConsentService.ReasonNoDocument, (await CheckAsync()).Reason);
        var document = await PublishAsync(jurisdictions: [Jurisdiction.Parse("US")]);
        await _storage.Consents.CaptureAsync(Patient, Typed(document));

        Assert.Equal(ConsentService.ReasonMissing, (await CheckAsync(jurisdiction: Jurisdiction.Parse("US-NY"))).Reason);
        Assert.Equal(ConsentService.ReasonNoDocument, (await CheckAsync(jurisdiction: Jurisdiction.Parse("CA-ON"))).Reason);
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.ActorId == "consent-gate" && e.Action == AuditAction.Search && e.PatientId == PatientId);
    }

    [SkippableFact]
    public async Task AccessPolicy_OutOfScopeActors_SeeNotFoundAndCannotWrite()
    {
        var document = await PublishAsync();
        var consent = await _storage.Consents.CaptureAsync(Patient, Typed(document));
        var stranger = ActorContext.ForClinician(IntakeStorage.Tenant, Id<Practitioner>.New());

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Consents.GetAsync(stranger, consent.Id));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Consents.RevokeAsync(stranger, consent.Id, "x"));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Consents.CaptureAsync(stranger, Typed(document)));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Consents.ListForPatientAsync(stranger, PatientId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _storage.Consents.PublishDocumentAsync(Patient, ConsentKinds.Telehealth, "x", "t", "text", _storage.Clock.GetUtcNow()));
        Assert.Equal(ConsentStatus.Active, (await _storage.Consents.GetAsync(Patient, consent.Id)).Status);
        Assert.Single(await _storage.Consents.ListForPatientAsync(Patient, PatientId));
    }
}

public sealed class SqliteConsentStorageTests : ConsentStorageTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await SqliteIntakeStorage.CreateAsync();
}

public sealed class InMemoryConsentStorageTests : ConsentStorageTests
{
    protected override Task<IntakeStorage> CreateStorageAsync() => Task.FromResult<IntakeStorage>(new InMemoryIntakeStorage());
}

public sealed class PostgreSqlConsentStorageTests : ConsentStorageTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await PostgresIntakeStorage.CreateAsync();
}
