using Microsoft.Data.Sqlite;
using Npgsql;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// The databases the storage benchmarks run on: a temporary SQLite file (WAL, as the provider sets it) and a fresh
/// schema in the PostgreSQL named by <c>REMEDORA_BENCH_POSTGRES</c> (or <c>REMEDORA_TEST_POSTGRES</c>).
/// </summary>
internal static class BenchmarkDatabases
{
    public static StorageModel Model { get; } = StorageModel.Create([new CoreCollections()]);

    public static string PostgresConnectionString
        => Environment.GetEnvironmentVariable("REMEDORA_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("REMEDORA_TEST_POSTGRES") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("Set REMEDORA_BENCH_POSTGRES (or REMEDORA_TEST_POSTGRES) to a PostgreSQL connection string to run the PostgreSQL benchmarks.");

    public static string NewSqlitePath(string? root = null)
    {
        var directory = Path.Combine(root ?? Path.GetTempPath(), "remedora-benchmarks");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
    }

    public static EntityFrameworkCoreStorageOptions Sqlite(string path) => new EntityFrameworkCoreStorageOptions().UseSqliteFile(path);

    public static EntityFrameworkCoreStorageOptions PostgreSql(string schema) => new EntityFrameworkCoreStorageOptions().UseNpgsql(PostgresConnectionString, schema);

    public static string NewSchema() => "bench_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<EntityFrameworkCoreStorage> CreateAsync(EntityFrameworkCoreStorageOptions options)
    {
        var storage = new EntityFrameworkCoreStorage(options, Model, new JsonDocumentCodec(), TimeProvider.System);
        await storage.MigrateAsync();
        return storage;
    }

    /// <summary>The connection string the provider uses for the PostgreSQL schema (its search path set), for raw baselines.</summary>
    public static string PostgreSqlSearchPath(string schema)
        => new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema }.ToString();

    public static void Drop(EntityFrameworkCoreStorageOptions options)
    {
        if (options.Database == StorageDatabaseKind.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(PostgresConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{options.Schema}\" CASCADE", connection);
            command.ExecuteNonQuery();
        }
    }
}
