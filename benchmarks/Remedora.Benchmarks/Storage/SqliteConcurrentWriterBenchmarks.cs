using BenchmarkDotNet.Attributes;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// SQLite with 4 concurrent writers against 1: the same 200 durable commands (a case update, an audit record and an
/// outbox message each) split across the writers, on a file in the temporary directory. Time is per command. Target:
/// 4 writers at least as fast as 1 (ratio at most 1.0), and no <c>SQLITE_BUSY</c>: any failed commit fails the run.
/// </summary>
[MemoryDiagnoser]
public class SqliteConcurrentWriterBenchmarks
{
    public const int Commands = 200;

    private static readonly TenantId Tenant = TenantId.Parse("bench");

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private CareCase[] _cases = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.Sqlite(BenchmarkDatabases.NewSqlitePath());
        _storage = await BenchmarkDatabases.CreateAsync(_options);
        await using var session = _storage.Sessions.OpenSession(Tenant);
        _cases = Enumerable.Range(0, 4).Select(_ => session.Insert(new CareCase
        {
            Id = Id<CareCase>.New(),
            TenantId = Tenant,
            PatientId = Id<Patient>.New(),
            PathName = "async-consult",
            State = "intake",
            OpenedAt = QueueSeeder.Base,
        })).ToArray();
        await session.CommitAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public Task OneWriter() => WriteAsync(1);

    [Benchmark(OperationsPerInvoke = Commands)]
    public Task FourWriters() => WriteAsync(4);

    private Task WriteAsync(int writers)
        => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Commands / writers; i++)
            {
                await using var session = _storage.Sessions.OpenSession(Tenant);
                var next = session.Update(_cases[w] with { State = i % 2 == 0 ? "in-review" : "awaiting-patient" });
                session.Audit(new AuditEvent
                {
                    OccurredAt = TimeProvider.System.GetUtcNow(),
                    TenantId = Tenant,
                    ActorId = "w" + w,
                    ActorRole = ActorRole.Clinician,
                    Action = AuditAction.Update,
                    ResourceType = "CareCase",
                    ResourceId = next.Id.ToString(),
                    PatientId = next.PatientId,
                    Outcome = AuditOutcome.Success,
                });
                session.Publish(OutboxMessage.Create("care-paths.case-transitioned", new { caseId = next.Id, next.State }, $"{next.Id}:{next.Version}"));
                await session.CommitAsync();
                _cases[w] = next;
            }
        })));
}
