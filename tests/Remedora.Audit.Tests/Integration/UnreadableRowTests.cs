using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>The unreadable-row matrix (<see cref="UnreadableRowMatrix"/>) on a real SQLite file.</summary>
public sealed class SqliteUnreadableRowTests : IDisposable
{
    private readonly string _path = Databases.NewSqlitePath();

    public void Dispose() => Databases.DeleteSqlite(_path);

    [Fact]
    public Task VerifyAsync_EveryColumnOfARandomSqliteRecordSetToEveryInvalidValue_BreaksAtThatRecordAndNothingThrows()
        => new Matrix(_path).RunAsync();

    [Fact]
    public async Task VerifyAsync_OutcomeNotAnOutcome_IsUnreadableAtItsSequenceAndReportsFlagIt()
    {
        using var storage = await Databases.SqliteAsync(_path, clock: TimeProvider.System);
        await Databases.AppendAsync(storage.Sessions, storage.AuditLog, AuditFixtures.Tenant, Enumerable.Range(0, 5).Select(i => AuditFixtures.Event(i)));
        await using (var db = new SqliteConnection($"Data Source={_path}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "UPDATE audit_records SET outcome = 'NotAnOutcome' WHERE sequence = 2";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await new AuditChainVerifier(storage.AuditLog).VerifyAsync(AuditFixtures.Tenant);
        var guard = new AccessGuard(new Remedora.Access.DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new RemedoraOptions())), storage.Sessions, TimeProvider.System);
        var reports = new AuditReports(storage.AuditLog, storage.Sessions, guard, TimeProvider.System);
        var admin = ActorContext.ForAdministrator(AuditFixtures.Tenant, "admin-1", PurposeOfUse.Operations);
        var log = await reports.GetAccessLogAsync(admin, AuditFixtures.Event(1).PatientId!.Value);
        var page = await reports.QueryAsync(admin, new AuditQuery());

        Assert.Equal((2L, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
        Assert.Equal(new UnreadableAuditRow(2, "outcome", AuditRowProblem.UnknownName), result.Break.Unreadable);
        Assert.DoesNotContain("NotAnOutcome", result.Break.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Items, e => e.Sequence == 2);
        Assert.Equal(2L, Assert.Single(log.Unreadable).Sequence);
        Assert.Equal(2L, Assert.Single(page.Unreadable).Sequence);
        Assert.DoesNotContain(page.Items, r => r.Sequence == 2);
    }

    [Theory]
    [InlineData("hash", "X'00'", "hash", AuditRowProblem.WrongLength)]
    [InlineData("hash", "'not a hash'", "hash", AuditRowProblem.WrongType)]
    [InlineData("sequence", "'five'", "sequence", AuditRowProblem.WrongType)]
    [InlineData("sequence", "-3", "sequence", AuditRowProblem.OutOfRange)]
    public async Task VerifyAsync_ChainHeadRowUnreadable_IsUnreadableAtTheLastRecordAndReportsAndCheckpointsDoNotThrow(string column, string value, string expectedColumn, AuditRowProblem expected)
    {
        using var storage = await Databases.SqliteAsync(_path, clock: TimeProvider.System);
        await Databases.AppendAsync(storage.Sessions, storage.AuditLog, AuditFixtures.Tenant, Enumerable.Range(0, 6).Select(i => AuditFixtures.Event(i)));
        await using (var db = new SqliteConnection($"Data Source={_path}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = $"UPDATE audit_chain_heads SET {column} = {value}";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await new AuditChainVerifier(storage.AuditLog).VerifyAsync(AuditFixtures.Tenant);
        var guard = new AccessGuard(new Remedora.Access.DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new RemedoraOptions())), storage.Sessions, TimeProvider.System);
        var reports = new AuditReports(storage.AuditLog, storage.Sessions, guard, TimeProvider.System);
        var page = await reports.QueryAsync(ActorContext.ForAdministrator(AuditFixtures.Tenant, "admin-1", PurposeOfUse.Operations), new AuditQuery());
        var signer = new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k1"] = AuditHarness.Key1 }, "k1");
        var checkpoint = await new AuditCheckpoints(storage.AuditLog, storage.Sessions, guard, TimeProvider.System, signer).CreateAsync(ActorContext.ForSystem(AuditFixtures.Tenant, "nightly"));

        Assert.Equal((6L, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
        Assert.Equal((expectedColumn, expected), (result.Break.Unreadable!.Column, result.Break.Unreadable.Problem));
        Assert.Equal(6, result.RecordsVerified);
        Assert.Equal(6, page.Items.Count);

        // The report's own audit record continued the chain after record 6 and wrote a whole head again, which the
        // checkpoint then signed (its own export record is record 8).
        var after = await new AuditChainVerifier(storage.AuditLog, signer).VerifyAsync(AuditFixtures.Tenant);
        Assert.True(after.IsIntact, after.Break?.Description);
        Assert.Equal(8, after.RecordsVerified);
        Assert.Equal(7, checkpoint.Sequence);
        Assert.True((await new AuditChainVerifier(storage.AuditLog, signer).VerifyAsync(AuditFixtures.Tenant, checkpoint)).IsIntact);
    }

    private sealed class Matrix(string path) : UnreadableRowMatrix
    {
        protected override string Dialect => "sqlite";

        protected override async Task<DbConnection> OpenAsync()
        {
            var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            return connection;
        }

        protected override async Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM pragma_table_info('audit_records') ORDER BY cid";
            await using var reader = await command.ExecuteReaderAsync();
            var columns = new List<string>();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }

            return columns;
        }

        protected override async Task DropNotNullAsync(DbConnection connection, IReadOnlyList<string> columns)
        {
            // SQLite cannot alter a column's constraint; someone editing the file can rewrite the table's schema text.
            SqliteConnection.ClearAllPools();
            var version = await ScalarAsync(connection, "PRAGMA schema_version");
            await ExecuteAsync(connection, "PRAGMA writable_schema = ON");
            await ExecuteAsync(connection, "UPDATE sqlite_schema SET sql = replace(sql, ' NOT NULL', '') WHERE type = 'table' AND name = 'audit_records'");
            await ExecuteAsync(connection, $"PRAGMA schema_version = {version + 1}");
            await ExecuteAsync(connection, "PRAGMA writable_schema = OFF");
            Assert.Equal(0, await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'audit_records' AND sql LIKE '%NOT NULL%'"));
        }

        protected override async Task<(IAuditLogStore Log, IStorageSessionFactory Sessions, IDisposable Storage)> OpenStorageAsync()
        {
            var storage = await Databases.SqliteAsync(path, clock: TimeProvider.System);
            return (storage.AuditLog, storage.Sessions, storage);
        }
    }
}

/// <summary>The unreadable-row matrix (<see cref="UnreadableRowMatrix"/>) on a real PostgreSQL schema.</summary>
public sealed class PostgreSqlUnreadableRowTests
{
    [SkippableFact]
    public async Task VerifyAsync_EveryColumnOfARandomPostgreSqlRecordSetToEveryInvalidValue_BreaksAtThatRecordAndNothingThrows()
    {
        var connectionString = Databases.RequirePostgres();
        var schema = "audit_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await new Matrix(connectionString, schema).RunAsync();
        }
        finally
        {
            Databases.DropSchema(connectionString, schema);
        }
    }

    private sealed class Matrix(string connectionString, string schema) : UnreadableRowMatrix
    {
        protected override string Dialect => "postgresql";

        protected override async Task<DbConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(connectionString + $";Search Path={schema}");
            await connection.OpenAsync();
            return connection;
        }

        protected override async Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'audit_records' ORDER BY ordinal_position";
            await using var reader = await command.ExecuteReaderAsync();
            var columns = new List<string>();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }

            return columns;
        }

        protected override async Task DropNotNullAsync(DbConnection connection, IReadOnlyList<string> columns)
        {
            foreach (var column in columns)
            {
                try
                {
                    await ExecuteAsync(connection, $"ALTER TABLE audit_records ALTER COLUMN {column} DROP NOT NULL");
                }
                catch (DbException)
                {
                    // A primary-key column keeps its NOT NULL.
                }
            }
        }

        protected override async Task<(IAuditLogStore Log, IStorageSessionFactory Sessions, IDisposable Storage)> OpenStorageAsync()
        {
            var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema), Databases.Model, new JsonDocumentCodec(), TimeProvider.System);
            await storage.MigrateAsync();
            return (storage.AuditLog, storage.Sessions, storage);
        }
    }
}
