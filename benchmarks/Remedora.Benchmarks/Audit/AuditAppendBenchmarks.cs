using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Audit;

/// <summary>
/// Audit append on SQLite: a unit of work that appends audit records to the tenant's hash chain through the provider
/// (lock the chain head, seal, insert, update the head, commit) against a plain insert of the same rows into a table of
/// the same shape and indexes in its own transaction. One record per commit and twenty per commit. The requirement is a Ratio of
/// at most 1.2.
/// </summary>
/// <remarks>
/// Both sides commit with the same durability: SQLite's default <c>synchronous = FULL</c>, which the provider keeps,
/// so every commit syncs the WAL. <see cref="Location"/> <c>Disk</c> is the real case, where that sync dominates both
/// sides; <c>Tmpfs</c> puts the file in memory (<c>/dev/shm</c>), where the sync is free, so the ratio shows the
/// provider's own cost (the writer gate, <c>BEGIN IMMEDIATE</c>, reading and updating the chain head, sealing).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AuditAppendBenchmarks
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private string _path = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private SqliteConnection _plain = null!;
    private AuditEvent _event = null!;
    private long _plainSequence;

    [Params(1, 20)]
    public int RecordsPerCommit { get; set; }

    /// <summary>Gets or sets where the database file lives: <c>Disk</c> (the temporary directory) or <c>Tmpfs</c> (<c>/dev/shm</c>).</summary>
    [Params("Disk", "Tmpfs")]
    public string Location { get; set; } = "Disk";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Location == "Tmpfs" ? "/dev/shm" : Path.GetTempPath(), $"remedora-bench-{Guid.NewGuid():N}.db");
        _storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseSqliteFile(_path), StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), TimeProvider.System);
        _storage.MigrateAsync().GetAwaiter().GetResult();
        _plain = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true }.ToString());
        _plain.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
        Execute("CREATE TABLE plain_audit_records AS SELECT * FROM audit_records WHERE 0; CREATE UNIQUE INDEX pk_plain ON plain_audit_records (tenant_id, sequence);");

        // The same secondary indexes as the audit table, so both sides maintain the same B-trees.
        using (var indexes = _plain.CreateCommand())
        {
            indexes.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_records' AND sql IS NOT NULL";
            var definitions = new List<string>();
            using (var reader = indexes.ExecuteReader())
            {
                while (reader.Read())
                {
                    definitions.Add(reader.GetString(0));
                }
            }

            foreach (var definition in definitions)
            {
                Execute(definition.Replace("\"ix_audit_records_", "\"ix_plain_audit_records_", StringComparison.Ordinal).Replace("\"audit_records\"", "\"plain_audit_records\"", StringComparison.Ordinal));
            }
        }
        _event = SampleAuditEvents.ClinicianRead(Tenant);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _storage.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Append")]
    public void PlainInsert()
    {
        using var transaction = _plain.BeginTransaction();
        using var command = _plain.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO plain_audit_records (tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description, previous_hash, hash) VALUES (@t, @seq, @at, @actor, @role, @action, @type, @id, @patient, @outcome, @purpose, @app, @addr, @device, @corr, NULL, @detail, NULL, NULL, NULL, @prev, @hash)";
        var sequence = command.Parameters.Add("@seq", SqliteType.Integer);
        command.Parameters.AddWithValue("@t", Tenant.Value);
        command.Parameters.AddWithValue("@at", _event.OccurredAt.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("@actor", _event.ActorId);
        command.Parameters.AddWithValue("@role", _event.ActorRole.ToString());
        command.Parameters.AddWithValue("@action", _event.Action.ToString());
        command.Parameters.AddWithValue("@type", _event.ResourceType);
        command.Parameters.AddWithValue("@id", _event.ResourceId);
        command.Parameters.AddWithValue("@patient", _event.PatientId!.Value.Value);
        command.Parameters.AddWithValue("@outcome", _event.Outcome.ToString());
        command.Parameters.AddWithValue("@purpose", _event.PurposeOfUse!.Value.Code);
        command.Parameters.AddWithValue("@app", _event.Source!.Application);
        command.Parameters.AddWithValue("@addr", _event.Source.NetworkAddress);
        command.Parameters.AddWithValue("@device", _event.Source.Device);
        command.Parameters.AddWithValue("@corr", _event.CorrelationId);
        command.Parameters.AddWithValue("@detail", _event.Detail);
        command.Parameters.AddWithValue("@prev", new byte[32]);
        command.Parameters.AddWithValue("@hash", new byte[32]);
        for (var i = 0; i < RecordsPerCommit; i++)
        {
            sequence.Value = ++_plainSequence;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [Benchmark]
    [BenchmarkCategory("Append")]
    public async Task ChainedAppend()
    {
        await using var session = _storage.Sessions.OpenSession(Tenant);
        for (var i = 0; i < RecordsPerCommit; i++)
        {
            session.Audit(_event);
        }

        await session.CommitAsync();
    }

    private void Execute(string sql)
    {
        using var command = _plain.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
