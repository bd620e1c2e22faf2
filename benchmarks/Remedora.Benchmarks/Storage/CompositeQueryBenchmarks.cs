using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// A query on a composite declared index over 100,000 documents (200 practitioners, 500 bookings each): one
/// practitioner's bookings in a one-week window, ordered by start, first page of 50, documents decoded. The baseline is
/// raw ADO.NET over a table of the same 100,000 rows (JSON and the two columns) with an index on (tenant, practitioner,
/// start, key), reading and deserialising the same page. Target: the provider at most 1.5x the baseline.
/// </summary>
[MemoryDiagnoser]
public class CompositeQueryBenchmarks
{
    private const int Practitioners = 200;
    private const int BookingsEach = 500;
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly JsonSerializerOptions Json = JsonDocumentCodec.CreateDefaultOptions();
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private string _raw = null!;
    private int _probe;

    /// <summary>Gets or sets the database: <c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    [Params("Sqlite", "PostgreSql")]
    public string Database { get; set; } = "Sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = Database == "Sqlite" ? BenchmarkDatabases.Sqlite(BenchmarkDatabases.NewSqlitePath()) : BenchmarkDatabases.PostgreSql(BenchmarkDatabases.NewSchema());
        _storage = new EntityFrameworkCoreStorage(_options, DeclaredIndexBenchmarkData.Model, new JsonDocumentCodec(), TimeProvider.System);
        await _storage.MigrateAsync();
        _raw = Database == "Sqlite" ? new SqliteConnectionStringBuilder(_options.ConnectionString).ToString() : BenchmarkDatabases.PostgreSqlSearchPath(_options.Schema);

        for (var p = 0; p < Practitioners; p += 4)
        {
            await using var session = _storage.Sessions.OpenSession(Tenant);
            for (var q = p; q < p + 4; q++)
            {
                for (var b = 0; b < BookingsEach; b++)
                {
                    session.Insert(Booking(q, b));
                }
            }

            await session.CommitAsync();
        }

        await using var connection = Open();
        await connection.OpenAsync();
        await ExecuteAsync(connection, null, Database == "Sqlite"
            ? "CREATE TABLE raw_bookings (tenant_id TEXT NOT NULL, booking_key TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, practitioner TEXT NOT NULL, starts_at INTEGER NOT NULL, PRIMARY KEY (tenant_id, booking_key))"
            : "CREATE TABLE raw_bookings (tenant_id TEXT COLLATE \"C\" NOT NULL, booking_key TEXT COLLATE \"C\" NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL, practitioner TEXT COLLATE \"C\" NOT NULL, starts_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (tenant_id, booking_key))");
        await ExecuteAsync(connection, null, "CREATE INDEX ix_raw_bookings ON raw_bookings (tenant_id, practitioner, starts_at, booking_key)");
        for (var p = 0; p < Practitioners; p++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var sql = new StringBuilder("INSERT INTO raw_bookings (tenant_id, booking_key, version, data, practitioner, starts_at) VALUES ");
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            for (var b = 0; b < BookingsEach; b++)
            {
                var booking = Booking(p, b) with { Version = 1 };
                sql.Append(b == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@t, @k{b}, 1, @d{b}, @p, @s{b})");
                Add(insert, "@k" + b, booking.Key);
                Add(insert, "@d" + b, JsonSerializer.Serialize(booking, Json));
                AddInstant(insert, "@s" + b, booking.StartsAt);
            }

            Add(insert, "@t", Tenant.Value);
            Add(insert, "@p", PractitionerId(p));
            insert.CommandText = sql.ToString();
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, null, Database == "Sqlite" ? "ANALYZE" : "ANALYZE raw_bookings");
        if (Database == "PostgreSql")
        {
            await ExecuteAsync(connection, null, "ANALYZE documents");
            await ExecuteAsync(connection, null, "ANALYZE document_index_entries");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawAdoNet()
    {
        var (practitioner, from, to) = NextProbe();
        await using var connection = Open();
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT booking_key, version, data FROM raw_bookings WHERE tenant_id = @t AND practitioner = @p AND starts_at >= @from AND starts_at < @to ORDER BY starts_at, booking_key LIMIT 51";
        Add(select, "@t", Tenant.Value);
        Add(select, "@p", practitioner);
        AddInstant(select, "@from", from);
        AddInstant(select, "@to", to);
        var items = new List<BenchBooking>(50);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync() && items.Count < 50)
        {
            items.Add(JsonSerializer.Deserialize<BenchBooking>(reader.GetString(2), Json)! with { Version = reader.GetInt64(1) });
        }

        return items.Count == 50 ? items.Count : throw new InvalidOperationException("The baseline found too few bookings.");
    }

    [Benchmark]
    public async Task<int> Remedora()
    {
        var (practitioner, from, to) = NextProbe();
        await using var session = _storage.Sessions.OpenSession(Tenant);
        var index = DeclaredIndexBenchmarkData.PractitionerStart;
        var page = await session.QueryAsync(DocumentQuery<BenchBooking>.All.WhereBetween(index, practitioner, from, to).OrderBy(index).Take(50));
        return page.Items.Count == 50 ? page.Items.Count : throw new InvalidOperationException("The provider found too few bookings.");
    }

    private static string PractitionerId(int p) => "practitioner-" + p.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Bookings every 30 minutes from <see cref="Start"/>: 336 in a week, so a one-week window always holds a full page.</summary>
    private static BenchBooking Booking(int practitioner, int number) => new()
    {
        Key = $"booking-{practitioner:D4}-{number:D4}",
        TenantId = Tenant,
        PractitionerId = PractitionerId(practitioner),
        StartsAt = Start.AddMinutes(30 * number),
    };

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private (string Practitioner, DateTimeOffset From, DateTimeOffset To) NextProbe()
    {
        var n = Interlocked.Increment(ref _probe);
        var from = Start.AddDays(n % 3);
        return (PractitionerId(n % Practitioners), from, from.AddDays(7));
    }

    private void AddInstant(DbCommand command, string name, DateTimeOffset value)
    {
        if (command is NpgsqlCommand npgsql)
        {
            npgsql.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value.ToUniversalTime() });
        }
        else
        {
            Add(command, name, string.Empty);
            command.Parameters[name].Value = (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        }
    }

    private DbConnection Open() => Database == "Sqlite" ? new SqliteConnection(_raw) : new NpgsqlConnection(_raw);
}
