using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Benchmarks.Storage;
using Remedora.CarePaths;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.CarePaths;

/// <summary>
/// Claim-next for 4 clinicians at once over a review queue of at least 10,000 ready items, on the in-memory provider,
/// SQLite and PostgreSQL. <c>ReviewQueueClaim</c> is the review queue's claim-next and completion (the practitioner and
/// their licences read, the routing request built, the queue claim, the work item document and its audit record
/// mirrored in one unit of work, then the completion with its audit record); the baseline is the storage claim
/// underneath (<c>IWorkQueue.ClaimNextAsync</c> with the same routing and <c>CompleteAsync</c>) on the same provider.
/// Time is per claimed item.
/// </summary>
/// <remarks>
/// Every case starts from a fresh database seeded with 12,800 items routed to US-CA, so the backlog stays above
/// 10,000 through the 7 invocations (1 jitting, 3 warm-up, 3 measured) of 400 claims each. Items carry the four
/// priorities in turn and increasing due times, so every claim orders by priority, then due time.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class ClaimNextBenchmarks
{
    public const int Clinicians = 4;
    public const int ClaimsPerClinician = 100;
    private const int Backlog = 12_800;

    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");

    private ServiceProvider _services = null!;
    private EntityFrameworkCoreStorageOptions? _database;
    private ReviewQueue _queue = null!;
    private IWorkQueue _workQueue = null!;
    private Practitioner[] _clinicians = [];

    /// <summary>Gets or sets the storage provider.</summary>
    [Params("InMemory", "Sqlite", "PostgreSql")]
    public string Provider { get; set; } = "InMemory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddRemedora(r =>
        {
            switch (Provider)
            {
                case "InMemory":
                    r.UseInMemoryStorage();
                    break;
                case "Sqlite":
                    var path = BenchmarkDatabases.NewSqlitePath();
                    _database = BenchmarkDatabases.Sqlite(path);
                    r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path));
                    break;
                default:
                    var schema = BenchmarkDatabases.NewSchema();
                    _database = BenchmarkDatabases.PostgreSql(schema);
                    r.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(BenchmarkDatabases.PostgresConnectionString, schema));
                    break;
            }

            r.AddCarePaths(o => o.RunSlaSweep = false);
        });
        _services = services.BuildServiceProvider();
        if (_database is not null)
        {
            await _services.MigrateRemedoraStorageAsync();
        }

        _queue = _services.GetRequiredService<ReviewQueue>();
        _workQueue = _services.GetRequiredService<IWorkQueue>();
        var sessions = _services.GetRequiredService<IStorageSessionFactory>();
        _clinicians = [.. Enumerable.Range(0, Clinicians).Select(i => new Practitioner
        {
            Id = Id<Practitioner>.New(),
            TenantId = Tenant,
            DisplayName = "Clinician " + i,
            Licences = [new PractitionerLicence(California, "L-" + i, new DateOnly(2020, 1, 1), new DateOnly(2099, 12, 31))],
        })];
        await using (var session = sessions.OpenSession(Tenant))
        {
            foreach (var clinician in _clinicians)
            {
                session.Insert(clinician);
            }

            await session.CommitAsync();
        }

        var now = TimeProvider.System.GetUtcNow();
        for (var batch = 0; batch < Backlog; batch += 500)
        {
            await using var session = sessions.OpenSession(Tenant);
            for (var i = batch; i < batch + 500; i++)
            {
                var item = new WorkItem
                {
                    Id = new Id<WorkItem>(Guid.CreateVersion7(now)),
                    TenantId = Tenant,
                    Kind = WorkItemKind.ReviewIntake,
                    PatientId = new Id<Patient>(Guid.CreateVersion7(now)),
                    Priority = (WorkItemPriority)(i % 4),
                    CreatedAt = now.AddMinutes(-1),
                    DueAt = now.AddHours(1).AddSeconds(i),
                    RequiredJurisdiction = California,
                };
                session.Insert(item);
                session.Enqueue(ReviewQueue.ToQueueItem(item));
            }

            await session.CommitAsync();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        if (_database is not null)
        {
            BenchmarkDatabases.Drop(_database);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Clinicians * ClaimsPerClinician)]
    public Task StorageClaim() => RunClinicians(async clinician =>
    {
        var request = new ClaimRequest
        {
            Queue = ReviewQueue.QueueName,
            TenantId = Tenant,
            Owner = clinician.Id.ToString(),
            LeaseDuration = TimeSpan.FromMinutes(30),
            Jurisdictions = [California.Code],
            Skills = [],
            Pools = [],
        };
        for (var i = 0; i < ClaimsPerClinician; i++)
        {
            var claimed = await _workQueue.ClaimNextAsync(request);
            await _workQueue.CompleteAsync(claimed[0].Lease);
        }
    });

    [Benchmark(OperationsPerInvoke = Clinicians * ClaimsPerClinician)]
    public Task ReviewQueueClaim() => RunClinicians(async clinician =>
    {
        var actor = ActorContext.ForClinician(Tenant, clinician.Id);
        for (var i = 0; i < ClaimsPerClinician; i++)
        {
            var claim = await _queue.ClaimNextAsync(actor) ?? throw new InvalidOperationException("The review queue ran dry.");
            await _queue.CompleteAsync(actor, claim);
        }
    });

    private Task RunClinicians(Func<Practitioner, Task> clinician)
        => Task.WhenAll(_clinicians.Select(c => Task.Run(() => clinician(c))));
}
