using Npgsql;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>What only PostgreSQL does: the schema name, SKIP LOCKED claims and the locked audit chain head across connections.</summary>
public sealed class PostgreSqlTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task MigrateAsync_ConfiguredSchema_CreatesEveryTableThereAndNoneInPublic()
    {
        var connectionString = TestDatabases.RequirePostgres();
        var schema = TestDatabases.NewSchemaName();
        try
        {
            using var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema), StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System);
            Assert.Equal(["20261128190434_InitialSchema", "20261204212915_OutboxPerHandlerAndMessageKeys", "20261204213356_DeclaredIndexes", "20261204213522_TimeRangeConstraints", "20261204213827_AuditLogBacklogAndMerkleTree"], await storage.GetPendingMigrationsAsync());

            await storage.MigrateAsync();
            await storage.MigrateAsync();

            Assert.Empty(await storage.GetPendingMigrationsAsync());
            var tables = await QueryAsync<string>(connectionString, "SELECT table_name FROM information_schema.tables WHERE table_schema = @s ORDER BY table_name", schema);
            Assert.Equal(["__remedora_migrations", "audit_chain_heads", "audit_integration_leases", "audit_pending", "audit_records", "audit_tree_nodes", "document_index_entries", "document_index_states", "documents", "queue_items", "time_range_constraints", "time_ranges"], tables);
            var inPublic = await QueryAsync<string>(connectionString, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('documents', 'document_index_entries', 'document_index_states', 'queue_items', 'audit_records', 'audit_chain_heads', 'audit_pending', 'audit_tree_nodes', 'audit_integration_leases', 'time_ranges', 'time_range_constraints', '__remedora_migrations')", null);
            Assert.Empty(inPublic);
            var collations = await QueryAsync<string>(connectionString, "SELECT DISTINCT collation_name FROM information_schema.columns WHERE table_schema = @s AND table_name <> '__remedora_migrations' AND data_type IN ('text', 'character varying')", schema);
            Assert.Equal(["C"], collations);
        }
        finally
        {
            TestDatabases.DropSchema(connectionString, schema);
        }
    }

    [SkippableFact]
    public async Task ClaimNext_HeadOfQueueLockedByAnotherTransaction_SkipsItWithoutWaiting()
    {
        fixture.Require();
        using var storage = fixture.Create();
        var tenant = Tenants.New();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await using (var session = storage.Sessions.OpenSession(tenant))
        {
            session.Enqueue(new QueueItem { Id = first, TenantId = tenant, Queue = "review", Priority = 5, DueAt = Start, AvailableAt = Start });
            session.Enqueue(new QueueItem { Id = second, TenantId = tenant, Queue = "review", Priority = 1, DueAt = Start, AvailableAt = Start });
            await session.CommitAsync();
        }

        await using var other = new NpgsqlConnection(storage.StorageDatabase.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var lockHead = new NpgsqlCommand("SELECT id FROM queue_items WHERE tenant_id = @t AND id = @id FOR UPDATE", other, transaction))
        {
            lockHead.Parameters.AddWithValue("t", tenant.Value);
            lockHead.Parameters.AddWithValue("id", first);
            await lockHead.ExecuteScalarAsync();
        }

        var claimed = await storage.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = "review", TenantId = tenant, Owner = "dr-a", LeaseDuration = TimeSpan.FromMinutes(5) });

        Assert.Equal(second, Assert.Single(claimed).Item.Id);
        await transaction.RollbackAsync();
        var next = await storage.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = "review", TenantId = tenant, Owner = "dr-b", LeaseDuration = TimeSpan.FromMinutes(5) });
        Assert.Equal(first, Assert.Single(next).Item.Id);
    }

    [SkippableFact]
    public async Task Commit_TwoStoragesOnSeparateConnections_AppendOneGaplessChain()
    {
        fixture.Require();
        using var first = fixture.Create(TimeProvider.System);
        using var second = new EntityFrameworkCoreStorage(
            new EntityFrameworkCoreStorageOptions().UseNpgsql(fixture.ConnectionString + ";Application Name=second-host", fixture.Schema),
            StorageFixture.Model,
            new JsonDocumentCodec(),
            TimeProvider.System);
        var tenant = Tenants.New();
        using var start = new Barrier(6);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var storage = w % 2 == 0 ? first : second;
            start.SignalAndWait();
            for (var i = 0; i < 20; i++)
            {
                await using var session = storage.Sessions.OpenSession(tenant);
                session.Audit(new AuditEvent { OccurredAt = Start.AddSeconds(i), TenantId = tenant, ActorId = $"w{w}", ActorRole = ActorRole.System, Action = AuditAction.Read, ResourceType = "Note", Outcome = AuditOutcome.Success });
                session.Audit(new AuditEvent { OccurredAt = Start.AddSeconds(i), TenantId = tenant, ActorId = $"w{w}", ActorRole = ActorRole.System, Action = AuditAction.Update, ResourceType = "Note", Outcome = AuditOutcome.Success });
                await session.CommitAsync();
            }
        })));

        var previous = AuditChain.GenesisHash.ToArray();
        var sequence = 0L;
        await foreach (var record in first.AuditLog.ReadChainAsync(tenant).Select(e => e.Record!))
        {
            Assert.Equal(++sequence, record.Sequence);
            Assert.Equal(previous, record.PreviousHash.ToArray());
            Assert.Equal(AuditChain.ComputeHash(previous, AuditChain.GetCanonicalBytes(record.Sequence, record.Event)), record.Hash.ToArray());

            // The two events of one commit are adjacent: appends never interleave.
            if (record.Sequence % 2 == 0)
            {
                Assert.Equal(AuditAction.Update, record.Event.Action);
            }

            previous = record.Hash.ToArray();
        }

        Assert.Equal(240, sequence);
        Assert.Equal(240, (await second.AuditLog.GetHeadAsync(tenant)).Sequence);
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, string? schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (schema is not null)
        {
            command.Parameters.AddWithValue("s", schema);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
