using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Validates <see cref="EntityFrameworkCoreStorageOptions"/> when the host starts (and when the storage is built without a container).</summary>
internal sealed partial class EntityFrameworkCoreStorageOptionsValidator : IValidateOptions<EntityFrameworkCoreStorageOptions>
{
    public const string NoDatabase = "No database is configured for Remedora storage: call UseSqlite(...), UseSqliteFile(...) or UseNpgsql(...) in UseEntityFrameworkCoreStorage.";
    public const string ConnectionStringRequired = "ConnectionString is required: pass it to UseSqlite(...) or UseNpgsql(...).";
    public const string InvalidSqliteConnectionString = "ConnectionString is not a valid SQLite connection string: use the Microsoft.Data.Sqlite syntax, for example 'Data Source=remedora.db'.";
    public const string SqliteNeedsFile = "The SQLite connection string must name a database file, for example 'Data Source=remedora.db': an in-memory database cannot be shared by the connections Remedora opens.";
    public const string InvalidNpgsqlConnectionString = "ConnectionString is not a valid PostgreSQL connection string: use the Npgsql syntax, for example 'Host=localhost;Database=remedora;Username=remedora;Password=...'.";
    public const string InvalidSchema = "Schema must be 1 to 63 characters a-z, 0-9 and '_', starting with a letter or '_' (for example 'remedora').";
    public const string InvalidBusyTimeout = "BusyTimeout must be between 00:00:01 and 00:10:00.";

    public static EntityFrameworkCoreStorageOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, EntityFrameworkCoreStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = GetFailures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> GetFailures(EntityFrameworkCoreStorageOptions options)
    {
        var failures = new List<string>();
        switch (options.Database)
        {
            case StorageDatabaseKind.Sqlite:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    failures.Add(ConnectionStringRequired);
                }
                else if (ValidateSqlite(options.ConnectionString) is { } sqliteFailure)
                {
                    failures.Add(sqliteFailure);
                }

                if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
                {
                    failures.Add(InvalidBusyTimeout);
                }

                break;
            case StorageDatabaseKind.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    failures.Add(ConnectionStringRequired);
                }
                else if (!IsValidNpgsql(options.ConnectionString))
                {
                    failures.Add(InvalidNpgsqlConnectionString);
                }

                if (options.Schema is null || !SchemaPattern().IsMatch(options.Schema))
                {
                    failures.Add(InvalidSchema);
                }

                break;
            default:
                failures.Add(NoDatabase);
                break;
        }

        return failures;
    }

    private static string? ValidateSqlite(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return InvalidSqliteConnectionString;
        }

        return string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.Mode == SqliteOpenMode.Memory
            || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase)
                ? SqliteNeedsFile
                : null;
    }

    private static bool IsValidNpgsql(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
