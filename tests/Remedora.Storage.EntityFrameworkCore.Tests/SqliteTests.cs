using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>What only SQLite needs: migrations on a new file, WAL and the busy timeout, and writers that never meet SQLITE_BUSY.</summary>
public sealed class SqliteTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _path = TestDatabases.NewSqlitePath();

    public void Dispose() => TestDatabases.DeleteSqlite(_path);

    [Fact]
    public async Task MigrateAsync_NewFile_CreatesTheSchemaOnce()
    {
        using var storage = Create();

        Assert.Equal(["20261128190322_InitialSchema", "20261204212811_OutboxPerHandlerAndMessageKeys", "20261204213246_DeclaredIndexes", "20261204213429_TimeRangeConstraints", "20261204213731_AuditLogBacklogAndMerkleTree"], await storage.GetPendingMigrationsAsync());
        await storage.MigrateAsync();
        await storage.MigrateAsync();

        Assert.Empty(await storage.GetPendingMigrationsAsync());
        var tables = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        Assert.Equal(["__remedora_migrations", "audit_chain_heads", "audit_integration_leases", "audit_pending", "audit_records", "audit_tree_nodes", "document_index_entries", "document_index_states", "documents", "queue_items", "time_range_constraints", "time_ranges"], tables.Where(t => !t.StartsWith("__EFMigrationsLock", StringComparison.Ordinal)));
        var indexes = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name");
        Assert.Contains("ix_queue_items_claim", indexes);
        Assert.DoesNotContain(indexes, i => i.StartsWith("ix_documents_", StringComparison.Ordinal));
        Assert.Contains("ix_document_index_entries_document", indexes);
        Assert.Single(await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'ux_document_index_entries_unique' AND sql LIKE '%UNIQUE%'"));
    }

    [Fact]
    public async Task Connections_OpenedByTheStorage_UseWalAndTheBusyTimeout()
    {
        var options = new EntityFrameworkCoreStorageOptions { BusyTimeout = TimeSpan.FromSeconds(7) }.UseSqliteFile(_path);
        using var storage = new EntityFrameworkCoreStorage(options, StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System);
        await storage.MigrateAsync();

        var settings = await storage.StorageDatabase.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode";
                var mode = (string)(await command.ExecuteScalarAsync(ct))!;
                command.CommandText = "PRAGMA busy_timeout";
                var timeout = (long)(await command.ExecuteScalarAsync(ct))!;
                return (mode, timeout);
            },
            CancellationToken.None);

        Assert.Equal(("wal", 7000L), settings);
    }

    [Fact]
    public async Task Commit_EightWritersAndAForeignWriter_NeverSurfaceSqliteBusy()
    {
        using var storage = Create();
        await storage.MigrateAsync();
        var tenant = TenantId.Parse("busy");
        const int Writers = 8;
        const int CommitsPerWriter = 40;
        var failures = new ConcurrentBag<Exception>();
        using var start = new Barrier(Writers + 1);

        // Another process's writer: its own connection, its own immediate transactions, holding the lock while it writes.
        var foreign = Task.Run(() =>
        {
            using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 30000";
                pragma.ExecuteNonQuery();
            }

            start.SignalAndWait();
            for (var i = 0; i < CommitsPerWriter; i++)
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE audit_chain_heads SET updated_at = updated_at WHERE tenant_id = 'nobody'";
                command.ExecuteNonQuery();
                transaction.Commit();
            }
        });

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < CommitsPerWriter; i++)
            {
                try
                {
                    await using var session = storage.Sessions.OpenSession(tenant);
                    session.Insert(new Note($"w{w}-{i}", tenant, Rank: i));
                    session.Audit(new AuditEvent { OccurredAt = Start, TenantId = tenant, ActorId = $"w{w}", ActorRole = ActorRole.System, Action = AuditAction.Create, ResourceType = "Note", Outcome = AuditOutcome.Success });
                    session.Publish(OutboxMessage.Create("tests.created", new { w, i }, $"w{w}-{i}"));
                    await session.CommitAsync();
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            }
        })).ToArray();
        await Task.WhenAll([.. writers, foreign]);

        Assert.Empty(failures);
        Assert.Equal(Writers * CommitsPerWriter, (await storage.AuditLog.GetHeadAsync(tenant)).Sequence);
        await using var reader = storage.Sessions.OpenSession(tenant);
        Assert.Equal(Writers * CommitsPerWriter, await reader.CountAsync(DocumentQuery<Note>.All));
        var statistics = await storage.WorkQueue.GetStatisticsAsync(OutboxMessage.QueueName, tenant);
        Assert.Equal(Writers * CommitsPerWriter, statistics.Ready);
    }

    [Fact]
    public async Task Commit_WritesQueuedBehindTheGate_CommitTogetherAndAFailingOneLeavesNoTrace()
    {
        var hold = new HoldFirstCommit();
        var failing = TenantId.Parse("failing");
        using var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseSqliteFile(_path), StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System, [hold, new FailAfterAudit(failing)]);
        await storage.MigrateAsync();
        var tenant = TenantId.Parse("group");
        await CommitAsync(storage, tenant, "existing");
        hold.Armed = true;
        var database = (SqliteStorageDatabase)storage.StorageDatabase;
        var transactionsBefore = database.WriteTransactions;

        // The first commit holds the gate inside its transaction while eight more queue behind it.
        var first = Task.Run(() => CommitAsync(storage, tenant, "first"));
        await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var good = Enumerable.Range(0, 6).Select(i => Task.Run(() => CommitAsync(storage, tenant, $"good-{i}"))).ToList();
        var duplicate = Task.Run(() => CommitAsync(storage, tenant, "existing"));
        var injected = Task.Run(() => CommitAsync(storage, failing, "injected"));
        Assert.True(SpinWait.SpinUntil(() => database.QueuedWrites == 8, TimeSpan.FromSeconds(30)), "The eight commits did not queue.");
        hold.Release.SetResult();

        await first;
        await Task.WhenAll(good);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => duplicate);
        await Assert.ThrowsAsync<InvalidOperationException>(() => injected);

        Assert.Equal(2, database.WriteTransactions - transactionsBefore);
        Assert.Equal(("existing", 0L, (long?)null), (conflict.ResourceId, conflict.ExpectedVersion, conflict.ActualVersion));
        await using var reader = storage.Sessions.OpenSession(tenant);
        Assert.Equal(8, await reader.CountAsync(DocumentQuery<Note>.All));
        var sequences = new List<long>();
        await foreach (var record in storage.AuditLog.ReadChainAsync(tenant).Select(e => e.Record!))
        {
            sequences.Add(record.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), sequences);
        Assert.Equal(8, (await storage.AuditLog.GetHeadAsync(tenant)).Sequence);
        await using var other = storage.Sessions.OpenSession(failing);
        Assert.Equal(0, await other.CountAsync(DocumentQuery<Note>.All));
        Assert.Equal(0, (await storage.AuditLog.GetHeadAsync(failing)).Sequence);
        Assert.Equal(8, (await storage.WorkQueue.GetStatisticsAsync(OutboxMessage.QueueName, tenant)).Ready);
        Assert.Equal(0, (await storage.WorkQueue.GetStatisticsAsync(OutboxMessage.QueueName, failing)).Ready);
    }

    [Fact]
    public async Task Storage_TwoInstancesOnOneFile_ShareOneWriterGate()
    {
        using var first = Create();
        using var second = Create();
        await first.MigrateAsync();
        var tenant = TenantId.Parse("shared");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var storage = w % 2 == 0 ? first : second;
            for (var i = 0; i < 25; i++)
            {
                await using var session = storage.Sessions.OpenSession(tenant);
                session.Audit(new AuditEvent { OccurredAt = Start, TenantId = tenant, ActorId = $"w{w}", ActorRole = ActorRole.System, Action = AuditAction.Read, ResourceType = "Note", Outcome = AuditOutcome.Success });
                await session.CommitAsync();
            }
        })));

        var sequences = new List<long>();
        await foreach (var record in second.AuditLog.ReadChainAsync(tenant).Select(e => e.Record!))
        {
            sequences.Add(record.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Integrate_HeadBehindItsRecords_FailsAndKeepsTheBacklog()
    {
        using var storage = Create();
        await storage.MigrateAsync();
        var tenant = TenantId.Parse("behind");
        await CommitAsync(storage, tenant, "first");
        await CommitAsync(storage, tenant, "second");
        Assert.Equal(2, (await storage.AuditIntegrator.IntegrateAsync(tenant, "host-a", 100, TimeSpan.FromMinutes(1))).Integrated);
        await ExecuteAsync("UPDATE audit_chain_heads SET sequence = 1 WHERE tenant_id = 'behind'");

        // The commit itself never reads the head: it succeeds, and its record waits in the backlog.
        await CommitAsync(storage, tenant, "third-patient-key");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.AuditIntegrator.IntegrateAsync(tenant, "host-a", 100, TimeSpan.FromMinutes(1)));

        Assert.Contains("is at record 1 but the log's Merkle tree holds 2 records", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("third-patient-key", error.Message, StringComparison.Ordinal);
        await using var reader = storage.Sessions.OpenSession(tenant);
        Assert.Equal(3, await reader.CountAsync(DocumentQuery<Note>.All));
        Assert.Equal(3, (await storage.WorkQueue.GetStatisticsAsync(OutboxMessage.QueueName, tenant)).Ready);
        Assert.Equal([2L], await QueryAsync<long>("SELECT COUNT(*) FROM audit_records WHERE tenant_id = 'behind'"));
        Assert.Equal([1L], await QueryAsync<long>("SELECT sequence FROM audit_chain_heads WHERE tenant_id = 'behind'"));
        Assert.Equal(1, (await storage.AuditIntegrator.GetBacklogAsync(tenant)).Count);

        // Put right, the log goes on from where it was and the backlog is integrated.
        await ExecuteAsync("UPDATE audit_chain_heads SET sequence = 2, hash = (SELECT hash FROM audit_records WHERE tenant_id = 'behind' AND sequence = 2) WHERE tenant_id = 'behind'");
        Assert.Equal(1, (await storage.AuditIntegrator.IntegrateAsync(tenant, "host-a", 100, TimeSpan.FromMinutes(1))).Integrated);
        Assert.Equal(3, (await storage.AuditLog.GetHeadAsync(tenant)).Sequence);
        Assert.Equal(0, (await storage.AuditIntegrator.GetBacklogAsync(tenant)).Count);
    }

    [Fact]
    public async Task AuditStatements_ConnectionClosed_AreFinalizedAndPreparedAgainOnTheNextConnection()
    {
        using (var storage = Create())
        {
            await storage.MigrateAsync();
        }

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=True");
        connection.Open();
        var handle = connection.Handle!;
        handle.enable_sqlite3_next_stmt(true);
        var statements = SqliteAuditStatements.For(connection);
        Assert.Same(statements, SqliteAuditStatements.For(connection));
        Assert.Equal(3, PreparedOn(handle));
        Assert.Null(statements.ReadHead(TenantId.Parse("nobody")));

        connection.Close();

        // The handle went back to the pool, open, without the statements.
        Assert.Equal(0, PreparedOn(handle));
        connection.Open();
        var again = SqliteAuditStatements.For(connection);
        Assert.NotSame(statements, again);
        Assert.Null(again.ReadHead(TenantId.Parse("nobody")));
        connection.Close();
    }

    [Fact]
    public void Options_RelativeFile_ResolvesAgainstTheWorkingDirectory()
    {
        var options = new EntityFrameworkCoreStorageOptions().UseSqliteFile("remedora-relative.db");

        var connectionString = SqliteStorageDatabase.BuildConnectionString(options);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "remedora-relative.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    private static async Task CommitAsync(EntityFrameworkCoreStorage storage, TenantId tenant, string key)
    {
        await using var session = storage.Sessions.OpenSession(tenant);
        session.Insert(new Note(key, tenant));
        session.Audit(new AuditEvent { OccurredAt = Start, TenantId = tenant, ActorId = key, ActorRole = ActorRole.System, Action = AuditAction.Create, ResourceType = "Note", Outcome = AuditOutcome.Success });
        session.Publish(OutboxMessage.Create("tests.created", new { key }, $"{tenant}:{key}"));
        await session.CommitAsync();
    }

    /// <summary>Once armed, holds the next commit inside its transaction (after its documents) until released.</summary>
    private sealed class HoldFirstCommit : ICommitInterceptor
    {
        private int _held;

        public volatile bool Armed;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
        {
            if (Armed && step == CommitStep.Documents && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Entered.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Fails every commit of one tenant after its audit records were written.</summary>
    private sealed class FailAfterAudit(TenantId tenant) : ICommitInterceptor
    {
        public ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
            => tenantId == tenant && step == CommitStep.Audit ? throw new InvalidOperationException("Injected failure after the audit step.") : ValueTask.CompletedTask;
    }

    private static int PreparedOn(SQLitePCL.sqlite3 handle)
    {
        var count = 0;
        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(handle, null); statement is not null; statement = SQLitePCL.raw.sqlite3_next_stmt(handle, statement))
        {
            count++;
        }

        return count;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private EntityFrameworkCoreStorage Create()
        => new(new EntityFrameworkCoreStorageOptions().UseSqliteFile(_path), StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System);

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
