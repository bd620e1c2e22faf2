using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>Temporary SQLite files and PostgreSQL schemas (from <c>REMEDORA_TEST_POSTGRES</c>) for the integration tests.</summary>
internal static class Databases
{
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    public static StorageModel Model { get; } = StorageModel.Create([new CoreCollections()]);

    public static string NewSqlitePath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "remedora-audit-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
    }

    public static void DeleteSqlite(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public static async Task<EntityFrameworkCoreStorage> SqliteAsync(string path, IDocumentCodec? codec = null, TimeProvider? clock = null)
    {
        var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseSqliteFile(path), Model, codec ?? new JsonDocumentCodec(), clock ?? new FakeTimeProvider(AuditFixtures.Start));
        await storage.MigrateAsync();
        return storage;
    }

    /// <summary>Skips the calling test when PostgreSQL is not configured, or fails it when it is required.</summary>
    public static string RequirePostgres()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (connectionString is null && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.");
        return connectionString!;
    }

    public static void DropSchema(string connectionString, string schema)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
        command.ExecuteNonQuery();
    }

    /// <summary>Appends events in commits of <paramref name="perCommit"/>.</summary>
    public static async Task AppendAsync(IStorageSessionFactory sessions, IAuditLogStore log, TenantId tenant, IEnumerable<AuditEvent> events, int perCommit = 500)
    {
        foreach (var chunk in events.Chunk(perCommit))
        {
            await using var session = sessions.OpenSession(tenant);
            foreach (var e in chunk)
            {
                session.Audit(e);
            }

            await session.CommitAsync();
        }

        // A read of the log integrates the backlog first: afterwards the records are rows of audit_records.
        await log.GetHeadAsync(tenant);
    }
}
