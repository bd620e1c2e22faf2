using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// One durable command on SQLite: a state update of a care case, one audit record appended to the hash chain and one
/// outbox message, in one transaction. The baseline is raw Microsoft.Data.Sqlite writing the same rows (the same JSON
/// document with its version check and index entry rows, the same sealed audit record and chain head, the same queue
/// row) in one transaction on a pooled connection. Target: the provider at most 2x the baseline.
/// </summary>
/// <remarks>
/// <see cref="Location"/> <c>Disk</c> is the real case: SQLite's default <c>synchronous = FULL</c> syncs the WAL on
/// every commit, and that sync dominates both sides. <c>Tmpfs</c> puts the file in memory (<c>/dev/shm</c>), where the
/// sync is free, so the ratio shows the provider's own cost over raw ADO.NET.
/// </remarks>
[MemoryDiagnoser]
public class SqliteDurableCommandBenchmarks
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly JsonSerializerOptions Json = JsonDocumentCodec.CreateDefaultOptions();

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private string _rawConnectionString = null!;
    private CareCase _case = null!;
    private CareCase _rawCase = null!;
    private long _step;

    /// <summary>Gets or sets where the database file lives: <c>Disk</c> (the temporary directory) or <c>Tmpfs</c> (<c>/dev/shm</c>).</summary>
    [Params("Disk", "Tmpfs")]
    public string Location { get; set; } = "Disk";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = BenchmarkDatabases.Sqlite(BenchmarkDatabases.NewSqlitePath(Location == "Tmpfs" ? "/dev/shm" : null));
        _storage = await BenchmarkDatabases.CreateAsync(_options);
        _rawConnectionString = new SqliteConnectionStringBuilder(_options.ConnectionString).ToString();
        await using var session = _storage.Sessions.OpenSession(Tenant);
        _case = session.Insert(NewCase());
        _rawCase = session.Insert(NewCase());
        await session.CommitAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true)]
    public async Task RawMicrosoftDataSqlite()
    {
        var now = StorageTime.Normalize(TimeProvider.System.GetUtcNow());
        var next = _rawCase with { State = NextState(), Version = _rawCase.Version + 1 };
        await using var connection = new SqliteConnection(_rawConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE documents SET version = @v, data = @d, updated_at = @now "
                + "WHERE tenant_id = @t AND collection = 'care-cases' AND document_key = @k AND version = @expected";
            update.Parameters.AddWithValue("@v", next.Version);
            update.Parameters.AddWithValue("@d", JsonSerializer.Serialize(next, Json));
            update.Parameters.AddWithValue("@now", Micros(now));
            update.Parameters.AddWithValue("@t", Tenant.Value);
            update.Parameters.AddWithValue("@k", next.Id.ToString());
            update.Parameters.AddWithValue("@expected", _rawCase.Version);
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The baseline lost its version check.");
            }
        }

        // The same index rows the provider keeps: the case's entries replaced, one per declared index.
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM document_index_entries WHERE tenant_id = @t AND collection = 'care-cases' AND document_key = @k";
            delete.Parameters.AddWithValue("@t", Tenant.Value);
            delete.Parameters.AddWithValue("@k", next.Id.ToString());
            await delete.ExecuteNonQueryAsync();
        }

        foreach (var (index, value) in new[] { ("patient", next.PatientId.ToString()), ("path", next.PathName), ("state", next.State), ("openedAt", Micros(next.OpenedAt).ToString(System.Globalization.CultureInfo.InvariantCulture)) })
        {
            await using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = "INSERT INTO document_index_entries (tenant_id, collection, index_name, entry_key, document_key, complete, is_unique) VALUES (@t, 'care-cases', @i, @e, @k, 1, 0)";
            entry.Parameters.AddWithValue("@t", Tenant.Value);
            entry.Parameters.AddWithValue("@i", index);
            entry.Parameters.AddWithValue("@e", System.Text.Encoding.UTF8.GetBytes(value));
            entry.Parameters.AddWithValue("@k", next.Id.ToString());
            await entry.ExecuteNonQueryAsync();
        }

        AuditChainHead head;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT sequence, hash FROM audit_chain_heads WHERE tenant_id = @t";
            select.Parameters.AddWithValue("@t", Tenant.Value);
            await using var reader = await select.ExecuteReaderAsync();
            head = await reader.ReadAsync() ? new AuditChainHead(reader.GetInt64(0), (byte[])reader.GetValue(1)) : new AuditChainHead(0, AuditChain.GenesisHash);
        }

        var record = AuditChain.Seal(head, Event(now));
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO audit_records (tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
                + "source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description, previous_hash, hash) "
                + "VALUES (@t, @seq, @at, @actor, @role, @action, @rtype, @rid, @patient, @outcome, @purpose, @app, NULL, NULL, NULL, NULL, @detail, NULL, NULL, NULL, @prev, @hash)";
            var e = record.Event;
            insert.Parameters.AddWithValue("@t", Tenant.Value);
            insert.Parameters.AddWithValue("@seq", record.Sequence);
            insert.Parameters.AddWithValue("@at", Micros(e.OccurredAt));
            insert.Parameters.AddWithValue("@actor", e.ActorId);
            insert.Parameters.AddWithValue("@role", e.ActorRole.ToString());
            insert.Parameters.AddWithValue("@action", e.Action.ToString());
            insert.Parameters.AddWithValue("@rtype", e.ResourceType);
            insert.Parameters.AddWithValue("@rid", e.ResourceId);
            insert.Parameters.AddWithValue("@patient", e.PatientId!.Value.ToString());
            insert.Parameters.AddWithValue("@outcome", e.Outcome.ToString());
            insert.Parameters.AddWithValue("@purpose", e.PurposeOfUse!.Value.Code);
            insert.Parameters.AddWithValue("@app", e.Source!.Application);
            insert.Parameters.AddWithValue("@detail", e.Detail);
            insert.Parameters.AddWithValue("@prev", record.PreviousHash.ToArray());
            insert.Parameters.AddWithValue("@hash", record.Hash.ToArray());
            await insert.ExecuteNonQueryAsync();
        }

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO audit_chain_heads (tenant_id, sequence, hash, updated_at) VALUES (@t, @seq, @hash, @now) "
                + "ON CONFLICT (tenant_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, updated_at = excluded.updated_at";
            upsert.Parameters.AddWithValue("@t", Tenant.Value);
            upsert.Parameters.AddWithValue("@seq", record.Sequence);
            upsert.Parameters.AddWithValue("@hash", record.Hash.ToArray());
            upsert.Parameters.AddWithValue("@now", Micros(now));
            await upsert.ExecuteNonQueryAsync();
        }

        await using (var outbox = connection.CreateCommand())
        {
            outbox.Transaction = transaction;
            outbox.CommandText = "INSERT INTO queue_items (tenant_id, id, queue, priority, due_at, available_at, message_type, payload, idempotency_key, status, attempts, created_at) "
                + "VALUES (@t, @id, 'remedora.outbox', 0, @now, @now, @type, @payload, @key, 0, 0, @now)";
            outbox.Parameters.AddWithValue("@t", Tenant.Value);
            outbox.Parameters.AddWithValue("@id", Guid.CreateVersion7(now).ToString("D"));
            outbox.Parameters.AddWithValue("@now", Micros(now));
            outbox.Parameters.AddWithValue("@type", "care-paths.case-transitioned");
            outbox.Parameters.AddWithValue("@payload", JsonSerializer.Serialize(new Transitioned(next.Id, next.State), JsonSerializerOptions.Web));
            outbox.Parameters.AddWithValue("@key", $"{next.Id}:{next.Version}");
            await outbox.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        _rawCase = next;
    }

    [Benchmark]
    public async Task EntityFrameworkCore()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using var session = _storage.Sessions.OpenSession(Tenant);
        var next = session.Update(_case with { State = NextState() });
        session.Audit(Event(now));
        session.Publish(OutboxMessage.Create("care-paths.case-transitioned", new Transitioned(next.Id, next.State), $"{next.Id}:{next.Version}"));
        await session.CommitAsync();
        _case = next;
    }

    private static long Micros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static CareCase NewCase() => new()
    {
        Id = Id<CareCase>.New(),
        TenantId = Tenant,
        PatientId = Id<Patient>.New(),
        PathName = "async-consult",
        State = "intake",
        OpenedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero),
    };

    private static AuditEvent Event(DateTimeOffset now) => new()
    {
        OccurredAt = now,
        TenantId = Tenant,
        ActorId = "dr-a",
        ActorRole = ActorRole.Clinician,
        Action = AuditAction.Update,
        ResourceType = "CareCase",
        ResourceId = "case-1",
        PatientId = new Id<Patient>(Guid.Parse("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10")),
        Outcome = AuditOutcome.Success,
        PurposeOfUse = PurposeOfUse.Treatment,
        Source = new RequestSource("clinician-console"),
        Detail = "trigger:approve",
    };

    private string NextState() => (++_step % 2 == 0) ? "in-review" : "awaiting-patient";

    private sealed record Transitioned(Id<CareCase> CaseId, string State);
}
