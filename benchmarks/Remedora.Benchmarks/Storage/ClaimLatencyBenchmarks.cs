using BenchmarkDotNet.Attributes;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// How claim latency depends on the backlog: one worker claims the head of a queue and completes it, on a queue of
/// 1,000 ready items (the baseline) and on one of 100,000, each in its own database. Time is per claimed item.
/// Target: at 100,000 within 1.2x of 1,000.
/// </summary>
[MemoryDiagnoser]
public class ClaimLatencyBenchmarks
{
    public const int ClaimsPerInvoke = 100;

    private const string Queue = "bench";
    private static readonly TenantId Tenant = TenantId.Parse("bench");

    private EntityFrameworkCoreStorageOptions _smallOptions = null!;
    private EntityFrameworkCoreStorageOptions _largeOptions = null!;
    private EntityFrameworkCoreStorage _small = null!;
    private EntityFrameworkCoreStorage _large = null!;

    /// <summary>Gets or sets the database: <c>Sqlite</c> (a file in the temporary directory) or <c>PostgreSql</c>.</summary>
    [Params("Sqlite", "PostgreSql")]
    public string Database { get; set; } = "Sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _smallOptions = NewOptions();
        _largeOptions = NewOptions();
        _small = await BenchmarkDatabases.CreateAsync(_smallOptions);
        _large = await BenchmarkDatabases.CreateAsync(_largeOptions);
        await QueueSeeder.SeedAsync(_smallOptions, Tenant, Queue, 1_000);
        await QueueSeeder.SeedAsync(_largeOptions, Tenant, Queue, 100_000);
    }

    [IterationSetup]
    public void Reset()
    {
        QueueSeeder.ResetAsync(_smallOptions, Tenant, Queue).GetAwaiter().GetResult();
        QueueSeeder.ResetAsync(_largeOptions, Tenant, Queue).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _small.Dispose();
        _large.Dispose();
        BenchmarkDatabases.Drop(_smallOptions);
        BenchmarkDatabases.Drop(_largeOptions);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ClaimsPerInvoke)]
    public Task Backlog1000() => ClaimAsync(_small);

    [Benchmark(OperationsPerInvoke = ClaimsPerInvoke)]
    public Task Backlog100000() => ClaimAsync(_large);

    private static Task ClaimAsync(EntityFrameworkCoreStorage storage) => ClaimWorkers.ClaimAsync(storage.WorkQueue, Tenant, Queue, "w", ClaimsPerInvoke);

    private EntityFrameworkCoreStorageOptions NewOptions()
        => Database == "Sqlite" ? BenchmarkDatabases.Sqlite(BenchmarkDatabases.NewSqlitePath()) : BenchmarkDatabases.PostgreSql(BenchmarkDatabases.NewSchema());
}
