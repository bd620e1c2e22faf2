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

        Assert.Equal(["20261128190322_InitialSchema"], await storage.GetPendingMigrationsAsync());
        await storage.MigrateAsync();
        await storage.MigrateAsync();

        Assert.Empty(await storage.GetPendingMigrationsAsync());
        var tables = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        Assert.Equal(["__remedora_migrations", "audit_chain_heads", "audit_records", "documents", "queue_items"], tables.Where(t => !t.StartsWith("__EFMigrationsLock", StringComparison.Ordinal)));
        var indexes = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name");
        Assert.Contains("ix_queue_items_claim", indexes);
        Assert.Equal(8, indexes.Count(i => i.StartsWith("ix_documents_", StringComparison.Ordinal)));
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
        await foreach (var record in second.AuditLog.ReadChainAsync(tenant))
        {
            sequences.Add(record.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sequences);
    }

    [Fact]
    public void Options_RelativeFile_ResolvesAgainstTheWorkingDirectory()
    {
        var options = new EntityFrameworkCoreStorageOptions().UseSqliteFile("remedora-relative.db");

        var connectionString = SqliteStorageDatabase.BuildConnectionString(options);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "remedora-relative.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
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
