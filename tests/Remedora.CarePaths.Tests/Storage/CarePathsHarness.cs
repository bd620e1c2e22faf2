using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>A host with real storage (the provider under test), the care paths package and seeded records.</summary>
internal sealed class CarePathsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private Func<ValueTask>? _cleanup;

    private CarePathsHarness(ServiceProvider provider, FakeTimeProvider clock, TestConsentGate consent)
    {
        _provider = provider;
        Clock = clock;
        Consent = consent;
    }

    public static TenantId Tenant => TestData.Tenant;

    public static Jurisdiction California { get; } = Jurisdiction.Parse("US-CA");

    public static Jurisdiction NewYork { get; } = Jurisdiction.Parse("US-NY");

    public FakeTimeProvider Clock { get; }

    public TestConsentGate Consent { get; }

    public IServiceProvider Services => _provider;

    public CarePathEngine Engine => _provider.GetRequiredService<CarePathEngine>();

    public ReviewQueue Queue => _provider.GetRequiredService<ReviewQueue>();

    public IStorageSessionFactory Sessions => _provider.GetRequiredService<IStorageSessionFactory>();

    public IWorkQueue WorkQueue => _provider.GetRequiredService<IWorkQueue>();

    public IAuditLogStore AuditLog => _provider.GetRequiredService<IAuditLogStore>();

    public ActorContext System => ActorContext.ForSystem(Tenant, "tests");

    public static async Task<CarePathsHarness> StartAsync(Action<IRemedoraBuilder> storage, Func<IServiceProvider, Task>? initialize = null, Action<IRemedoraBuilder>? configure = null, Func<ValueTask>? cleanup = null, bool testConsentGate = true)
    {
        var clock = new FakeTimeProvider(TestData.Now);
        var consent = new TestConsentGate();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        if (testConsentGate)
        {
            services.AddSingleton<IConsentGate>(consent);
        }
        services.AddRemedora(r =>
        {
            storage(r);
            r.AddCarePaths(o => o.RunSlaSweep = false);
            configure?.Invoke(r);
        });
        var provider = services.BuildServiceProvider();
        if (initialize is not null)
        {
            await initialize(provider);
        }

        return new CarePathsHarness(provider, clock, consent) { _cleanup = cleanup };
    }

    public async Task<Patient> AddPatientAsync(Jurisdiction? jurisdiction = null)
    {
        var patient = new Patient
        {
            Id = Id<Patient>.New(),
            TenantId = Tenant,
            GivenName = "Test",
            FamilyName = "Patient",
            BirthDate = new DateOnly(1980, 1, 1),
            Jurisdiction = jurisdiction ?? California,
        };
        return await InsertAsync(patient);
    }

    public async Task<Practitioner> AddPractitionerAsync(Jurisdiction? licensedIn = null, DateOnly? licenceExpires = null, params string[] specialties)
    {
        var practitioner = new Practitioner
        {
            Id = Id<Practitioner>.New(),
            TenantId = Tenant,
            DisplayName = "Clinician",
            Licences = [new PractitionerLicence(licensedIn ?? California, "L-1", new DateOnly(2020, 1, 1), licenceExpires ?? new DateOnly(2030, 12, 31))],
            Specialties = specialties,
        };
        return await InsertAsync(practitioner);
    }

    public async Task<CareTeam> AddCareTeamAsync(Id<Patient> patientId, params Practitioner[] members)
        => await InsertAsync(new CareTeam
        {
            Id = Id<CareTeam>.New(),
            TenantId = Tenant,
            PatientId = patientId,
            Members = [.. members.Select(m => new CareTeamMember(m.Id, "primary"))],
        });

    public async Task<T> InsertAsync<T>(T document)
        where T : class
    {
        await using var session = Sessions.OpenSession(Tenant);
        var stored = session.Insert(document);
        await session.CommitAsync();
        return stored;
    }

    public async Task<T?> FindAsync<T>(string key)
        where T : class
    {
        await using var session = Sessions.OpenSession(Tenant);
        return await session.FindAsync<T>(key);
    }

    public async Task<List<WorkItem>> WorkItemsAsync(Id<CareCase> caseId)
    {
        await using var session = Sessions.OpenSession(Tenant);
        var page = await session.QueryAsync(DocumentQuery<WorkItem>.All.Where("case", caseId).Take(1000));
        return [.. page.Items];
    }

    public async Task<List<WorkItem>> WorkItemsAsync(Id<CareCase> caseId, WorkItemKind kind)
        => [.. (await WorkItemsAsync(caseId)).Where(w => w.Kind == kind)];

    public async Task<List<AuditRecord>> AuditAsync()
    {
        var records = new List<AuditRecord>();
        await foreach (var record in AuditLog.ReadChainAsync(Tenant).Select(e => e.Record!))
        {
            records.Add(record);
        }

        return records;
    }

    public async Task<List<QueueItem>> QueueItemsAsync(string queue)
    {
        var items = new List<QueueItem>();
        string? token = null;
        do
        {
            var page = await WorkQueue.ListAsync(new QueueQuery { Queue = queue, TenantId = Tenant, Limit = 1000, ContinuationToken = token });
            items.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }
}

/// <summary>The consent gate Intake would provide, answering from a set the test controls.</summary>
internal sealed class TestConsentGate : IConsentGate
{
    private readonly HashSet<Id<Patient>> _active = [];
    private int _calls;

    /// <summary>Gets or sets a hook that runs inside every check (for example to make two commands read the same version).</summary>
    public Func<Task>? OnCheck { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public void Grant(Id<Patient> patientId)
    {
        lock (_active)
        {
            _active.Add(patientId);
        }
    }

    public async ValueTask<ConsentCheckResult> CheckAsync(ConsentCheckRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (OnCheck is { } hook)
        {
            await hook();
        }

        bool active;
        lock (_active)
        {
            active = _active.Contains(request.PatientId);
        }

        return active ? new ConsentCheckResult(true, "consent-1", null) : new ConsentCheckResult(false, null, "missing");
    }
}
