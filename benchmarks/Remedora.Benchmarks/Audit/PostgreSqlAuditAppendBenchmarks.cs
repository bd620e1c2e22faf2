using BenchmarkDotNet.Attributes;
using Npgsql;
using Remedora.Benchmarks.Storage;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Audit;

/// <summary>
/// Audit append throughput on PostgreSQL with several hosts: 4 storage instances (each with its own connection pool,
/// as separate processes would have) commit 50 one-record units of work each, at once, into 1 tenant's chain (every
/// append queues on that tenant's chain-head row lock) or spread over 4 tenants (one chain each). The baseline is 4
/// raw Npgsql writers inserting the same rows into a table of the same shape, one autocommitted insert each. Time is
/// per appended record; docs/audit-and-security.md quotes the figures.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlAuditAppendBenchmarks
{
    public const int Hosts = 4;
    public const int CommitsPerHost = 50;

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage[] _hosts = [];
    private NpgsqlDataSource _raw = null!;
    private AuditEvent _event = null!;
    private long _plainSequence;

    /// <summary>Gets or sets how many tenants the hosts write for: 1 (one chain, every append waits its turn) or 4.</summary>
    [Params(1, 4)]
    public int Tenants { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.PostgreSql(BenchmarkDatabases.NewSchema());
        _hosts = new EntityFrameworkCoreStorage[Hosts];
        for (var i = 0; i < Hosts; i++)
        {
            // Application Name makes each host's pool its own, like separate processes.
            var options = new EntityFrameworkCoreStorageOptions().UseNpgsql(
                new NpgsqlConnectionStringBuilder(BenchmarkDatabases.PostgresConnectionString) { ApplicationName = "host-" + i }.ToString(),
                _options.Schema);
            _hosts[i] = await BenchmarkDatabases.CreateAsync(options);
        }

        _raw = NpgsqlDataSource.Create(BenchmarkDatabases.PostgreSqlSearchPath(_options.Schema));
        await using (var command = _raw.CreateCommand("CREATE TABLE plain_audit_records (LIKE audit_records INCLUDING ALL)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        _event = SampleAuditEvents.ClinicianRead(Tenant(0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _raw.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Hosts * CommitsPerHost)]
    public Task PlainInsert() => RunHostsAsync(async host =>
    {
        var tenant = Tenant(host % Tenants);
        for (var i = 0; i < CommitsPerHost; i++)
        {
            await using var command = _raw.CreateCommand(
                "INSERT INTO plain_audit_records (tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
                + "source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description, previous_hash, hash) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, $16, NULL, NULL, NULL, $17, $18)");
            command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = Interlocked.Increment(ref _plainSequence) });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.OccurredAt });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.ActorId });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.ActorRole.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Action.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.ResourceType });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.ResourceId! });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.PatientId!.Value.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Outcome.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.PurposeOfUse!.Value.Code });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Source!.Application });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Source.NetworkAddress! });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Source.Device! });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.CorrelationId! });
            command.Parameters.Add(new NpgsqlParameter { Value = _event.Detail! });
            command.Parameters.Add(new NpgsqlParameter { Value = new byte[32] });
            command.Parameters.Add(new NpgsqlParameter { Value = new byte[32] });
            await command.ExecuteNonQueryAsync();
        }
    });

    [Benchmark(OperationsPerInvoke = Hosts * CommitsPerHost)]
    public Task ChainedAppend() => RunHostsAsync(async host =>
    {
        var tenant = Tenant(host % Tenants);
        var auditEvent = _event with { TenantId = tenant };
        for (var i = 0; i < CommitsPerHost; i++)
        {
            await using var session = _hosts[host].Sessions.OpenSession(tenant);
            session.Audit(auditEvent);
            await session.CommitAsync();
        }
    });

    private static TenantId Tenant(int index) => TenantId.Parse("bench-" + index);

    private static Task RunHostsAsync(Func<int, Task> host)
        => Task.WhenAll(Enumerable.Range(0, Hosts).Select(h => Task.Run(() => host(h))));
}
