using System.Data.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// Inserting one document with two unique constraints (email and handle, unique within the tenant) in its own unit of
/// work, on SQLite (a file on disk, WAL) and PostgreSQL. The baseline is raw ADO.NET (Microsoft.Data.Sqlite, Npgsql)
/// inserting the same JSON with the two values into a table with the same two unique indexes, in its own transaction
/// on a pooled connection. Target: the provider at most 1.3x the baseline.
/// </summary>
[MemoryDiagnoser]
public class UniqueInsertBenchmarks
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly JsonSerializerOptions Json = JsonDocumentCodec.CreateDefaultOptions();

    private EntityFrameworkCoreStorageOptions _options = null!;
    private EntityFrameworkCoreStorage _storage = null!;
    private string _raw = null!;
    private long _next;

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
        await using var connection = Open();
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "CREATE TABLE raw_accounts (tenant_id TEXT NOT NULL, account_key TEXT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL, email TEXT NOT NULL, handle TEXT NOT NULL, PRIMARY KEY (tenant_id, account_key))",
            "CREATE UNIQUE INDEX ux_raw_accounts_email ON raw_accounts (tenant_id, email)",
            "CREATE UNIQUE INDEX ux_raw_accounts_handle ON raw_accounts (tenant_id, handle)",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        BenchmarkDatabases.Drop(_options);
    }

    [Benchmark(Baseline = true)]
    public async Task RawAdoNet()
    {
        var account = NextAccount();
        await using var connection = Open();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO raw_accounts (tenant_id, account_key, version, data, email, handle) VALUES (@t, @k, 1, @d, @e, @h)";
        Add(insert, "@t", account.TenantId.Value);
        Add(insert, "@k", account.Key);
        Add(insert, "@d", JsonSerializer.Serialize(account with { Version = 1 }, Json));
        Add(insert, "@e", account.Email);
        Add(insert, "@h", account.Handle);
        if (await insert.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The baseline insert failed.");
        }

        await transaction.CommitAsync();
    }

    [Benchmark]
    public async Task Remedora()
    {
        await using var session = _storage.Sessions.OpenSession(Tenant);
        session.Insert(NextAccount());
        await session.CommitAsync();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private DbConnection Open() => Database == "Sqlite" ? new SqliteConnection(_raw) : new NpgsqlConnection(_raw);

    private BenchAccount NextAccount()
    {
        var n = Interlocked.Increment(ref _next);
        return new BenchAccount { Key = "account-" + n, TenantId = Tenant, Email = $"user{n}@example.invalid", Handle = "handle-" + n };
    }
}
