using BenchmarkDotNet.Attributes;
using Npgsql;
using Remedora.Benchmarks.Storage;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Audit;

/// <summary>
/// The integrator's throughput on PostgreSQL: before each iteration 1,000 audit records are committed to one
/// tenant's backlog (units of work of ten); the iteration integrates them into the chain and the Merkle tree in one
/// batch (sealing, record and node inserts, backlog delete, head update). The baseline is raw Npgsql writing the same
/// 1,000 record rows into a table of the same shape in one transaction, batched. Time is per record; the integrator's
/// records per second are its inverse.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class PostgreSqlAuditIntegrationBenchmarks
{
    public const int Records = 1000;
    public const int PerCommit = 10;

    private static readonly TenantId Tenant = TenantId.Parse("bench-integration");
    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private NpgsqlDataSource _raw = null!;
    private AuditEvent _event = null!;
    private long _plainSequence;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.PostgreSql(BenchmarkDatabases.NewSchema());
        _storage = await BenchmarkDatabases.CreateAsync(_options);
        _event = SampleAuditEvents.ClinicianRead(Tenant);
        _raw = NpgsqlDataSource.Create(BenchmarkDatabases.PostgreSqlSearchPath(_options.Schema));
        await using var command = _raw.CreateCommand("CREATE TABLE plain_audit_records (LIKE audit_records INCLUDING ALL)");
        await command.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        _raw.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [IterationSetup(Target = nameof(Integrate))]
    public void FillBacklog() => FillBacklogAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public async Task RawInsertSameRows()
    {
        await using var connection = await _raw.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var start = 0; start < Records; start += 100)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = 0; i < 100; i++)
            {
                var command = new NpgsqlBatchCommand(
                    "INSERT INTO plain_audit_records (tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
                    + "source_application, source_network_address, source_device, correlation_id, detail, previous_hash, hash) "
                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)");
                foreach (var value in new object[]
                {
                    Tenant.Value, Interlocked.Increment(ref _plainSequence), _event.OccurredAt, _event.ActorId, _event.ActorRole.ToString(), _event.Action.ToString(),
                    _event.ResourceType, _event.ResourceId!, _event.PatientId!.Value.Value, _event.Outcome.ToString(), _event.PurposeOfUse!.Value.Code,
                    _event.Source!.Application, _event.Source.NetworkAddress!, _event.Source.Device!, _event.CorrelationId!, _event.Detail!, new byte[32], new byte[32],
                })
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task FillBacklogAsync()
    {
        for (var i = 0; i < Records / PerCommit; i++)
        {
            await using var session = _storage.Sessions.OpenSession(Tenant);
            for (var j = 0; j < PerCommit; j++)
            {
                session.Audit(_event);
            }

            await session.CommitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public async Task Integrate()
    {
        var result = await _storage.AuditIntegrator.IntegrateAsync(Tenant, "bench", Records, TimeSpan.FromSeconds(30));
        if (result.Integrated != Records || result.HasMore)
        {
            throw new InvalidOperationException($"Integrated {result.Integrated} of {Records} records.");
        }
    }
}
