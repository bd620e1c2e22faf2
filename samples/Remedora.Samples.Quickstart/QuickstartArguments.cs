using Npgsql;

namespace Remedora.Samples.Quickstart;

/// <summary>The sample's command line: <c>--postgres "&lt;connection string&gt;"</c> switches from SQLite to PostgreSQL.</summary>
internal static class QuickstartArguments
{
    /// <summary>Gets the PostgreSQL connection string, if one was given.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The connection string, or <see langword="null"/> for SQLite.</returns>
    public static string? Postgres(string[] args)
    {
        var index = Array.IndexOf(args, "--postgres");
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= args.Length || string.IsNullOrWhiteSpace(args[index + 1]))
        {
            throw new ArgumentException("--postgres needs a connection string, for example --postgres \"Host=localhost;Database=remedora;Username=remedora;Password=...\".");
        }

        return args[index + 1];
    }

    /// <summary>The PostgreSQL schema the sample works in.</summary>
    public const string PostgresSchema = "remedora_quickstart";

    /// <summary>
    /// Drops the sample's PostgreSQL schema, if present, so each run starts from an empty database as the SQLite run
    /// does (an earlier run's data was encrypted with that run's throwaway keys, and its undelivered events would
    /// queue ahead of this run's).
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>A task that completes when the schema is gone.</returns>
    public static async Task DropPostgresSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{PostgresSchema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes a SQLite database file and its write-ahead log, if present.</summary>
    /// <param name="path">The database file.</param>
    public static void DeleteSqliteFile(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
