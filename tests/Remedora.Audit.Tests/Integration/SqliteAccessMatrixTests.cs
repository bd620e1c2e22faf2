using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>
/// The access matrix at the SDK's entry point for records (<see cref="IRecords{T}"/>) on SQLite: roles × resources ×
/// actions, break-glass with and without a reason and after it expired, and out-of-scope access as "not found",
/// each audited.
/// </summary>
public sealed class SqliteAccessMatrixTests(SqliteAccessMatrixTests.Database database) : IClassFixture<SqliteAccessMatrixTests.Database>, IAsyncLifetime
{
    private static readonly TenantId Tenant = AuditFixtures.Tenant;
    private readonly FakeTimeProvider _clock = database.Clock;
    private readonly Id<Patient> _patient = Id<Patient>.New();
    private readonly Id<Patient> _otherPatient = Id<Patient>.New();
    private readonly Id<Practitioner> _doctor = Id<Practitioner>.New();
    private readonly Id<Practitioner> _coordinator = Id<Practitioner>.New();
    private readonly Id<Practitioner> _pharmacist = Id<Practitioner>.New();
    private readonly Id<Practitioner> _unrelated = Id<Practitioner>.New();
    private readonly Id<Practitioner> _emergency = Id<Practitioner>.New();
    private readonly Id<Practitioner> _late = Id<Practitioner>.New();
    private readonly EntityFrameworkCoreStorage _storage = database.Storage;
    private readonly AccessGuard _guard = database.Guard;

    public enum Actor
    {
        OwnPatient,
        OtherPatient,
        CareTeamClinician,
        UnrelatedClinician,
        CareTeamCoordinator,
        CareTeamPharmacist,
        AdministratorWithPurpose,
        AdministratorWithoutPurpose,
        System,
        BreakGlassClinician,
        ExpiredBreakGlassClinician,
    }

    public enum Operation
    {
        Read,
        Search,
        Create,
        Update,
        Delete,
    }

    public enum Resource
    {
        Patient,
        CareCase,
        Encounter,
    }

    public static TheoryData<Actor, Resource, Operation> Matrix()
    {
        var data = new TheoryData<Actor, Resource, Operation>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            foreach (var resource in Enum.GetValues<Resource>())
            {
                foreach (var operation in Enum.GetValues<Operation>())
                {
                    data.Add(actor, resource, operation);
                }
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        await using var session = _storage.Sessions.OpenSession(Tenant);
        session.Insert(new CareTeam
        {
            Id = Id<CareTeam>.New(),
            TenantId = Tenant,
            PatientId = _patient,
            Members = [new(_doctor, "primary"), new(_coordinator, "coordinator"), new(_pharmacist, "pharmacy")],
        });

        // Staff are accepted only as active members of the tenant: every practitioner the matrix acts as is on record.
        foreach (var practitioner in new[] { _doctor, _coordinator, _pharmacist, _unrelated, _emergency, _late })
        {
            session.Insert(new Practitioner { Id = practitioner, TenantId = Tenant, DisplayName = "Dr. Test" });
        }

        await session.CommitAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Records_RoleResourceAction_AllowedOrDeniedAsThePolicySaysAndAudited(Actor actor, Resource resource, Operation operation)
    {
        var context = ContextOf(actor);
        var seeded = await SeedAsync(resource);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expectation = Expect(actor, resource, operation);
        var before = await CountAuditAsync();

        var error = await Record.ExceptionAsync(() => RunAsync(context, resource, operation, seeded));

        var audited = await NewAuditAsync(before);
        var access = audited.Where(e => e.ActorId == context.UserId).ToArray();
        switch (expectation)
        {
            case Expectation.Allowed:
                Assert.Null(error);
                Assert.Contains(access, e => e.Outcome == AuditOutcome.Success && e.Action == AuditEvent.ActionFor(ToAccess(operation)));
                break;
            case Expectation.Hidden when operation == Operation.Search:
                Assert.Null(error);
                Assert.DoesNotContain(access, e => e.Outcome == AuditOutcome.Success && e.PatientId == _patient);
                break;
            case Expectation.Hidden when operation == Operation.Create:
                Assert.IsType<RecordNotFoundException>(error);
                Assert.Contains(access, e => e.Outcome == AuditOutcome.Denied && e.Action == AuditAction.Create);
                break;
            case Expectation.Hidden:
                Assert.IsType<RecordNotFoundException>(error);
                Assert.Contains(access, e => e.Outcome == AuditOutcome.Denied && e.PatientId == _patient);
                break;
            case Expectation.CommandOwned:
                Assert.IsType<WriteNotPermittedException>(error);
                Assert.Contains(access, e => e.Outcome == AuditOutcome.Denied && e.Detail == "denied:ActionNotPermitted");
                break;
            default:
                Assert.IsType<AccessDeniedException>(error);
                Assert.Contains(access, e => e.Outcome == AuditOutcome.Denied && e.Detail == "denied:ActionNotPermitted");
                break;
        }

        if (actor == Actor.BreakGlassClinician && expectation == Expectation.Allowed)
        {
            Assert.All(access.Where(e => e.Outcome == AuditOutcome.Success), e =>
            {
                Assert.Equal("patient unresponsive in the ER", e.BreakGlassReason);
                Assert.Equal("basis:BreakGlass", e.Detail);
                Assert.Equal(PurposeOfUse.EmergencyTreatment, e.PurposeOfUse);
            });
        }
    }

    [Fact]
    public void BreakGlass_WithoutAReason_IsRefusedBeforeAnyAccess()
    {
        var clinician = ActorContext.ForClinician(Tenant, Id<Practitioner>.New());

        Assert.Equal("remedora.break_glass_reason_required", Assert.Throws<BreakGlassReasonRequiredException>(() => clinician.WithBreakGlass("   ", _clock.GetUtcNow())).Code);
        Assert.Throws<BreakGlassReasonRequiredException>(() => clinician.WithBreakGlass(null, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task BreakGlass_Read_PublishesAnAlertThroughTheOutbox()
    {
        var seeded = await SeedAsync(Resource.Patient);
        var records = new Records<Patient>(_storage.Sessions, _guard, Databases.Model);

        await records.GetAsync(ContextOf(Actor.BreakGlassClinician), seeded);

        var messages = await _storage.WorkQueue.ListAsync(new QueueQuery { TenantId = Tenant, Queue = OutboxMessage.QueueName, Limit = 1000 });
        var alert = Assert.Single(messages.Items, m => m.MessageType == AccessGuard.BreakGlassMessageType && m.Payload!.Contains(_patient.ToString(), StringComparison.Ordinal));
        Assert.Contains("patient unresponsive in the ER", alert.Payload!, StringComparison.Ordinal);
    }

    private enum Expectation
    {
        Allowed,
        Hidden,
        NotPermitted,
        CommandOwned,
    }

    private Expectation Expect(Actor actor, Resource resource, Operation operation)
    {
        var role = ContextOf(actor).Role;

        // A new patient gets an id chosen by the SDK, so nobody has a care relationship with it yet.
        var inScope = operation == Operation.Create && resource == Resource.Patient
            ? actor is Actor.AdministratorWithPurpose or Actor.System or Actor.BreakGlassClinician
            : actor is Actor.OwnPatient or Actor.CareTeamClinician or Actor.CareTeamCoordinator or Actor.CareTeamPharmacist
                or Actor.AdministratorWithPurpose or Actor.System or Actor.BreakGlassClinician;
        if (!inScope)
        {
            return Expectation.Hidden;
        }

        if (resource != Resource.Patient && operation is Operation.Create or Operation.Update or Operation.Delete)
        {
            // Cases and encounters change only through their package's commands; out of scope they are "not found" first.
            return Expectation.CommandOwned;
        }

        return DefaultAccessPolicy.RoleActions(role).Contains(ToAccess(operation)) ? Expectation.Allowed : Expectation.NotPermitted;
    }

    private static AccessAction ToAccess(Operation operation) => operation switch
    {
        Operation.Read => AccessAction.Read,
        Operation.Search => AccessAction.Search,
        Operation.Create => AccessAction.Create,
        Operation.Update => AccessAction.Update,
        _ => AccessAction.Delete,
    };

    private ActorContext ContextOf(Actor actor) => actor switch
    {
        Actor.OwnPatient => ActorContext.ForPatient(Tenant, _patient),
        Actor.OtherPatient => ActorContext.ForPatient(Tenant, _otherPatient),
        Actor.CareTeamClinician => ActorContext.ForClinician(Tenant, _doctor),
        Actor.UnrelatedClinician => ActorContext.ForClinician(Tenant, _unrelated, "dr-unrelated"),
        Actor.CareTeamCoordinator => ActorContext.ForCareCoordinator(Tenant, _coordinator),
        Actor.CareTeamPharmacist => ActorContext.ForPharmacist(Tenant, _pharmacist),
        Actor.AdministratorWithPurpose => ActorContext.ForAdministrator(Tenant, "admin-ops", PurposeOfUse.Operations),
        Actor.AdministratorWithoutPurpose => ActorContext.ForAdministrator(Tenant, "admin-none"),
        Actor.System => ActorContext.ForSystem(Tenant, "sweep"),
        Actor.BreakGlassClinician => ActorContext.ForClinician(Tenant, _emergency, "dr-er").WithBreakGlass("patient unresponsive in the ER", _clock.GetUtcNow()),
        _ => ActorContext.ForClinician(Tenant, _late, "dr-late").WithBreakGlass("patient unresponsive in the ER", _clock.GetUtcNow().AddHours(-2)),
    };

    private async Task<string> SeedAsync(Resource resource)
    {
        await using var session = _storage.Sessions.OpenSession(Tenant);
        string key;
        switch (resource)
        {
            case Resource.Patient:
                var patient = session.Insert(NewPatient(_patient));
                key = patient.Id.ToString();
                break;
            case Resource.CareCase:
                key = session.Insert(NewCase(Id<CareCase>.New())).Id.ToString();
                break;
            default:
                key = session.Insert(NewEncounter(Id<Encounter>.New())).Id.ToString();
                break;
        }

        await session.CommitAsync();
        return key;
    }

    private async Task RunAsync(ActorContext actor, Resource resource, Operation operation, string key)
    {
        switch (resource)
        {
            case Resource.Patient:
                await RunAsync(new Records<Patient>(_storage.Sessions, _guard, Databases.Model), actor, operation, key, () => NewPatient(default), p => p with { Phone = "+1-555-0100" });
                break;
            case Resource.CareCase:
                await RunAsync(new Records<CareCase>(_storage.Sessions, _guard, Databases.Model), actor, operation, key, () => NewCase(default), c => c with { State = "in-review" });
                break;
            default:
                await RunAsync(new Records<Encounter>(_storage.Sessions, _guard, Databases.Model), actor, operation, key, () => NewEncounter(default), e => e);
                break;
        }
    }

    private async Task RunAsync<T>(Records<T> records, ActorContext actor, Operation operation, string key, Func<T> create, Func<T, T> change)
        where T : class
    {
        var system = ActorContext.ForSystem(Tenant, "loader");
        switch (operation)
        {
            case Operation.Read:
                await records.GetAsync(actor, key);
                break;
            case Operation.Search:
                await records.SearchAsync(actor, DocumentQuery<T>.All);
                break;
            case Operation.Create:
                await records.CreateAsync(actor, create());
                break;
            case Operation.Update:
                await records.UpdateAsync(actor, change(await records.GetAsync(system, key)));
                break;
            default:
                await records.DeleteAsync(actor, await records.GetAsync(system, key));
                break;
        }
    }

    private Patient NewPatient(Id<Patient> id) => new()
    {
        Id = id,
        TenantId = Tenant,
        GivenName = "Test",
        FamilyName = "Person",
        BirthDate = new DateOnly(1990, 1, 1),
        Jurisdiction = Jurisdiction.Parse("US-MI"),
    };

    private CareCase NewCase(Id<CareCase> id) => new() { Id = id, TenantId = Tenant, PatientId = _patient, PathName = "async-consult", State = "submitted", OpenedAt = _clock.GetUtcNow() };

    private Encounter NewEncounter(Id<Encounter> id) => new() { Id = id, TenantId = Tenant, PatientId = _patient, Modality = EncounterModality.Async, StartedAt = _clock.GetUtcNow() };

    private async Task<long> CountAuditAsync() => (await _storage.AuditLog.GetHeadAsync(Tenant)).Sequence;

    private async Task<List<AuditEvent>> NewAuditAsync(long after)
    {
        var events = new List<AuditEvent>();
        await foreach (var record in _storage.AuditLog.ReadChainAsync(Tenant, after + 1).Select(e => e.Record!))
        {
            events.Add(record.Event);
        }

        return events;
    }

    /// <summary>One SQLite database for the whole matrix; each test uses patients and practitioners of its own.</summary>
    public sealed class Database : IAsyncLifetime
    {
        private readonly string _path = Databases.NewSqlitePath();

        public FakeTimeProvider Clock { get; } = new(AuditFixtures.Start);

        public EntityFrameworkCoreStorage Storage { get; private set; } = null!;

        public AccessGuard Guard { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Storage = await Databases.SqliteAsync(_path, clock: Clock);
            var policy = new DefaultAccessPolicy(new StorageCareRelationships(Storage.Sessions, Clock), Clock, Options.Create(new RemedoraOptions { BreakGlassDuration = TimeSpan.FromMinutes(30) }));
            Guard = new AccessGuard(policy, Storage.Sessions, Clock);
        }

        public Task DisposeAsync()
        {
            Storage.Dispose();
            Databases.DeleteSqlite(_path);
            return Task.CompletedTask;
        }
    }
}
