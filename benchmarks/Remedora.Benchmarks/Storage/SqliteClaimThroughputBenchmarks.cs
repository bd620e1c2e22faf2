using BenchmarkDotNet.Attributes;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// The PostgreSQL claim benchmark's workload on SQLite, reported: 4 workers each claiming one item at a time and
/// completing it, over a backlog of 10,000 ready items. SQLite serialises the claims (one writer), so this shows what
/// one process gets from the embedded database. Time is per claimed item.
/// </summary>
[MemoryDiagnoser]
public class SqliteClaimThroughputBenchmarks
{
    private const string Queue = "bench";
    private static readonly TenantId Tenant = TenantId.Parse("bench");

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.Sqlite(BenchmarkDatabases.NewSqlitePath());
        _storage = await BenchmarkDatabases.CreateAsync(_options);
        await QueueSeeder.SeedAsync(_options, Tenant, Queue, 10_000);
    }

    [IterationSetup]
    public void Reset() => QueueSeeder.ResetAsync(_options, Tenant, Queue).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(OperationsPerInvoke = PostgreSqlClaimThroughputBenchmarks.Workers * PostgreSqlClaimThroughputBenchmarks.ClaimsPerWorker)]
    public Task EntityFrameworkCore()
        => ClaimWorkers.RunAsync(_storage.WorkQueue, Tenant, Queue, PostgreSqlClaimThroughputBenchmarks.Workers, PostgreSqlClaimThroughputBenchmarks.ClaimsPerWorker);
}
