using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>Where the tests' databases come from: temporary SQLite files, and fresh schemas in the PostgreSQL of <c>REMEDORA_TEST_POSTGRES</c>.</summary>
internal static class TestDatabases
{
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Skips the calling test when PostgreSQL is not configured, or fails it when it is required (CI).</summary>
    public static string RequirePostgres()
    {
        var connectionString = PostgresConnectionString;
        if (connectionString is null && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.");
        return connectionString!;
    }

    public static string NewSqlitePath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "remedora-efcore-tests");
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

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N")[..20];

    public static void DropSchema(string connectionString, string schema)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
        command.ExecuteNonQuery();
    }

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
}
