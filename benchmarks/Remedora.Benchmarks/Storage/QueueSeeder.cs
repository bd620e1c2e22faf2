using Microsoft.Data.Sqlite;
using Npgsql;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>Fills a queue with ready items straight in the database (fast), and puts completed items back.</summary>
internal static class QueueSeeder
{
    public static readonly DateTimeOffset Base = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task SeedAsync(EntityFrameworkCoreStorageOptions options, TenantId tenant, string queue, int count)
    {
        if (options.Database == StorageDatabaseKind.Sqlite)
        {
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO queue_items (tenant_id, id, queue, priority, due_at, available_at, status, attempts, created_at) VALUES (@t, @id, @q, @p, @due, @av, 0, 0, @av)";
            var id = insert.Parameters.Add("@id", SqliteType.Text);
            var priority = insert.Parameters.Add("@p", SqliteType.Integer);
            var due = insert.Parameters.Add("@due", SqliteType.Integer);
            insert.Parameters.AddWithValue("@t", tenant.Value);
            insert.Parameters.AddWithValue("@q", queue);
            insert.Parameters.AddWithValue("@av", Micros(Base));
            insert.Prepare();
            for (var i = 0; i < count; i++)
            {
                id.Value = Guid.NewGuid().ToString("D");
                priority.Value = i % 4;
                due.Value = Micros(Base.AddSeconds(i));
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(BenchmarkDatabases.PostgreSqlSearchPath(options.Schema));
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO queue_items (tenant_id, id, queue, priority, due_at, available_at, status, attempts, created_at) "
                + "SELECT @t, gen_random_uuid(), @q, i % 4, @base + make_interval(secs => i), @base, 0, 0, @base FROM generate_series(0, @n - 1) AS i",
                connection);
            insert.Parameters.AddWithValue("t", tenant.Value);
            insert.Parameters.AddWithValue("q", queue);
            insert.Parameters.AddWithValue("base", Base);
            insert.Parameters.AddWithValue("n", count);
            await insert.ExecuteNonQueryAsync();
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE queue_items", connection);
            await analyze.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Makes the items completed since the last call ready again, so every iteration starts with the same backlog.</summary>
    public static async Task ResetAsync(EntityFrameworkCoreStorageOptions options, TenantId tenant, string queue)
    {
        const string Sql = "UPDATE queue_items SET status = 0, finished_at = NULL, lease_owner = NULL, attempts = 0 WHERE tenant_id = @t AND queue = @q AND status <> 0";
        if (options.Database == StorageDatabaseKind.Sqlite)
        {
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand(Sql, connection);
            command.Parameters.AddWithValue("@t", tenant.Value);
            command.Parameters.AddWithValue("@q", queue);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(BenchmarkDatabases.PostgreSqlSearchPath(options.Schema));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.AddWithValue("t", tenant.Value);
            command.Parameters.AddWithValue("q", queue);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static long Micros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
