using BenchmarkDotNet.Attributes;
using Remedora.Storage;
using Remedora.Storage.InMemory;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// The PostgreSQL claim benchmark's workload on the in-memory provider, reported: 4 workers each claiming one item at
/// a time and completing it, over a backlog of at least 10,000 ready items (12,800 seeded, so 7 invocations of 400
/// claims leave more than 10,000). Time is per claimed item. There is no library underneath to compare with; the
/// figure shows the cost of the provider's own claim ordering and lease bookkeeping, for tests and prototypes.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class InMemoryClaimThroughputBenchmarks
{
    private const string Queue = "bench";
    private const int Backlog = 12_800;
    private static readonly TenantId Tenant = TenantId.Parse("bench");

    private InMemoryStorage _storage = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _storage = new InMemoryStorage(BenchmarkDatabases.Model, new JsonDocumentCodec(), TimeProvider.System);
        for (var batch = 0; batch < Backlog; batch += 500)
        {
            await using var session = _storage.OpenSession(Tenant);
            for (var i = batch; i < batch + 500; i++)
            {
                session.Enqueue(new QueueItem
                {
                    Id = Guid.NewGuid(),
                    TenantId = Tenant,
                    Queue = Queue,
                    Priority = i % 4,
                    DueAt = QueueSeeder.Base.AddSeconds(i),
                    AvailableAt = QueueSeeder.Base,
                });
            }

            await session.CommitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = PostgreSqlClaimThroughputBenchmarks.Workers * PostgreSqlClaimThroughputBenchmarks.ClaimsPerWorker)]
    public Task InMemory()
        => ClaimWorkers.RunAsync(_storage, Tenant, Queue, PostgreSqlClaimThroughputBenchmarks.Workers, PostgreSqlClaimThroughputBenchmarks.ClaimsPerWorker);
}
