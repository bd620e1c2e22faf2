using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Remedora.Security.Tests.World;

/// <summary>The three providers the suite attacks: in memory, a temporary SQLite file, a fresh PostgreSQL schema.</summary>
internal static class Providers
{
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    public static Task<SecurityWorld> InMemoryAsync()
        => SecurityWorld.StartAsync(r => r.UseInMemoryStorage(), null, () => ValueTask.CompletedTask);

    public static Task<SecurityWorld> SqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "remedora-security-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
        return SecurityWorld.StartAsync(
            r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path)),
            sp => sp.MigrateRemedoraStorageAsync(),
            () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }

                return ValueTask.CompletedTask;
            });
    }

    public static Task<SecurityWorld> PostgresAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (connectionString is null && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.");
        var schema = "sec_" + Guid.NewGuid().ToString("N")[..20];
        return SecurityWorld.StartAsync(
            r => r.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(connectionString!, schema)),
            sp => sp.MigrateRemedoraStorageAsync(),
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
                await command.ExecuteNonQueryAsync();
            });
    }
}
