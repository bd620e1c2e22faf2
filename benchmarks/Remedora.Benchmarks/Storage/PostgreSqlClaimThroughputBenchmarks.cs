using BenchmarkDotNet.Attributes;
using Npgsql;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// Claim throughput on PostgreSQL with 4 workers, each claiming one item at a time and completing it, over a backlog
/// of 10,000 ready items. The baseline is raw Npgsql running the provider's own statements (the same
/// <c>FOR UPDATE SKIP LOCKED</c> claim and the same conditional completion) on pooled connections. Time is per
/// claimed item; target: the provider's throughput at least 0.7x the baseline's (a ratio of at most 1.43).
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlClaimThroughputBenchmarks
{
    public const int Workers = 4;
    public const int ClaimsPerWorker = 100;

    private const string Queue = "bench";
    private const string ClaimSql =
        "WITH c AS (SELECT tenant_id, id FROM queue_items WHERE tenant_id = @t AND queue = @queue AND status IN (0, 1) "
        + "AND ((status = 0 AND available_at <= @now) OR (status = 1 AND lease_expires_at <= @now)) AND (assigned_to IS NULL OR assigned_to = @owner) "
        + "ORDER BY priority DESC, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
        + "UPDATE queue_items AS q SET status = 1, lease_owner = @owner, lease_token = gen_random_uuid(), lease_expires_at = @expires, attempts = q.attempts + 1 "
        + "FROM c WHERE q.tenant_id = c.tenant_id AND q.id = c.id RETURNING q.tenant_id, q.id, q.queue, q.priority, q.due_at, q.available_at, q.jurisdiction, "
        + "q.skill, q.pool, q.assigned_to, q.subject_id, q.reference, q.message_type, q.payload, q.idempotency_key, q.status, q.attempts, q.lease_owner, "
        + "q.lease_token, q.lease_expires_at, q.last_error, q.created_at, q.finished_at";

    private const string CompleteSql =
        "UPDATE queue_items SET status = 2, finished_at = @now, lease_token = NULL, lease_expires_at = NULL "
        + "WHERE tenant_id = @t AND id = @id AND status = 1 AND lease_token = @token";

    private static readonly TenantId Tenant = TenantId.Parse("bench");

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private NpgsqlDataSource _raw = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.PostgreSql(BenchmarkDatabases.NewSchema());
        _storage = await BenchmarkDatabases.CreateAsync(_options);
        _raw = NpgsqlDataSource.Create(BenchmarkDatabases.PostgreSqlSearchPath(_options.Schema));
        await QueueSeeder.SeedAsync(_options, Tenant, Queue, 10_000);
    }

    [IterationSetup]
    public void Reset() => QueueSeeder.ResetAsync(_options, Tenant, Queue).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        _raw.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workers * ClaimsPerWorker)]
    public Task RawNpgsql() => RunWorkersAsync(RawWorkerAsync);

    [Benchmark(OperationsPerInvoke = Workers * ClaimsPerWorker)]
    public Task EntityFrameworkCore() => RunWorkersAsync(ProviderWorkerAsync);

    private static Task RunWorkersAsync(Func<string, Task> worker)
        => Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => worker("w" + w))));

    private Task ProviderWorkerAsync(string owner) => ClaimWorkers.ClaimAsync(_storage.WorkQueue, Tenant, Queue, owner, ClaimsPerWorker);

    private async Task RawWorkerAsync(string owner)
    {
        for (var i = 0; i < ClaimsPerWorker; i++)
        {
            var now = StorageTime.Normalize(TimeProvider.System.GetUtcNow());
            Guid id;
            Guid token;
            await using (var connection = await _raw.OpenConnectionAsync())
            {
                await using var claim = new NpgsqlCommand(ClaimSql, connection);
                claim.Parameters.AddWithValue("t", Tenant.Value);
                claim.Parameters.AddWithValue("queue", Queue);
                claim.Parameters.AddWithValue("now", now);
                claim.Parameters.AddWithValue("owner", owner);
                claim.Parameters.AddWithValue("expires", now.AddMinutes(5));
                await using var reader = await claim.ExecuteReaderAsync();
                await reader.ReadAsync();
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                id = reader.GetGuid(1);
                token = reader.GetGuid(18);
            }

            await using (var connection = await _raw.OpenConnectionAsync())
            {
                await using var complete = new NpgsqlCommand(CompleteSql, connection);
                complete.Parameters.AddWithValue("now", StorageTime.Normalize(TimeProvider.System.GetUtcNow()));
                complete.Parameters.AddWithValue("t", Tenant.Value);
                complete.Parameters.AddWithValue("id", id);
                complete.Parameters.AddWithValue("token", token);
                if (await complete.ExecuteNonQueryAsync() != 1)
                {
                    throw new InvalidOperationException("The baseline lost a lease.");
                }
            }
        }
    }
}
