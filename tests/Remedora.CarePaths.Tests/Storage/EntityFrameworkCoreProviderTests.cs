using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>Where the provider tests' databases come from: temporary SQLite files, and fresh schemas in the PostgreSQL of <c>REMEDORA_TEST_POSTGRES</c>.</summary>
internal static class EfDatabases
{
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    public static Task<CarePathsHarness> SqliteAsync(Action<IRemedoraBuilder>? configure = null, bool testConsentGate = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "remedora-carepaths-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
        return CarePathsHarness.StartAsync(
            r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path)),
            sp => sp.MigrateRemedoraStorageAsync(),
            configure,
            () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }

                return ValueTask.CompletedTask;
            },
            testConsentGate);
    }

    public static Task<CarePathsHarness> PostgresAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (connectionString is null && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.");
        var schema = "cp_" + Guid.NewGuid().ToString("N")[..20];
        return CarePathsHarness.StartAsync(
            r => r.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(connectionString!, schema)),
            sp => sp.MigrateRemedoraStorageAsync(),
            null,
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

public sealed class SqliteCarePathEngineTests : CarePathEngineTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.SqliteAsync();
}

public sealed class SqliteReviewQueueTests : ReviewQueueTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.SqliteAsync();
}

public sealed class SqliteSlaTests : SlaTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.SqliteAsync();
}

public sealed class PostgreSqlCarePathEngineTests : CarePathEngineTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.PostgresAsync();
}

public sealed class PostgreSqlReviewQueueTests : ReviewQueueTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.PostgresAsync();
}

public sealed class PostgreSqlSlaTests : SlaTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.PostgresAsync();
}

public sealed class SqliteWaitingWorkTests : WaitingWorkTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.SqliteAsync();
}

public sealed class PostgreSqlWaitingWorkTests : WaitingWorkTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.PostgresAsync();
}

public sealed class SqliteCrossReferenceTests : CrossReferenceTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.SqliteAsync();
}

public sealed class PostgreSqlCrossReferenceTests : CrossReferenceTests
{
    private protected override Task<CarePathsHarness> StartAsync() => EfDatabases.PostgresAsync();
}
