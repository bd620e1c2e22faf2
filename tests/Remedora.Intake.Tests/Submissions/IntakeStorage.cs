using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.Intake.Consent;
using Remedora.Intake.Engine;
using Remedora.Intake.Submissions;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;
using Remedora.Testing;

namespace Remedora.Intake.Tests.Submissions;

/// <summary>A real storage provider with the intake collections, the default access policy and the intake services.</summary>
public abstract class IntakeStorage : IAsyncDisposable
{
    public static readonly TenantId Tenant = TenantId.Parse("acme-telehealth");

    protected IntakeStorage()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        Relationships = new FakeCareRelationships();
        Policy = new DefaultAccessPolicy(Relationships, Clock, Options.Create(new RemedoraOptions()));
    }

    public FakeTimeProvider Clock { get; }

    public FakeCareRelationships Relationships { get; }

    public IAccessPolicy Policy { get; }

    public abstract IStorageSessionFactory Sessions { get; }

    public abstract IAuditLogStore AuditLog { get; }

    public abstract IWorkQueue Queue { get; }

    public static StorageModel Model { get; } = StorageModel.Create([new CoreCollections(), new IntakeCollections()]);

    public FormCatalog Catalog { get; } = new FormCatalog().Add(SampleForms.Phq9()).Add(SampleForms.Telehealth());

    public IntakeSubmissionService Submissions => new(Sessions, new AccessGuard(Policy, Sessions, Clock), new FormEngine(), Catalog, Clock);

    public ConsentService Consents => new(Sessions, new AccessGuard(Policy, Sessions, Clock), Clock);

    public static readonly TenantId OtherTenant = TenantId.Parse("other-telehealth");

    public Task<IReadOnlyList<AuditEvent>> AuditEventsAsync() => AuditEventsAsync(Tenant);

    public async Task<IReadOnlyList<AuditEvent>> AuditEventsAsync(TenantId tenant)
    {
        var events = new List<AuditEvent>();
        await foreach (var record in AuditLog.ReadChainAsync(tenant).Select(e => e.Record!))
        {
            events.Add(record.Event);
        }

        return events;
    }

    /// <summary>Stores a patient record (the intake commands refuse patients the tenant does not have).</summary>
    public async Task<Patient> AddPatientAsync(Id<Patient> id, TenantId? tenant = null)
    {
        var patient = TestData.Patient().WithId(id).InTenant(tenant ?? Tenant).Build();
        await using var session = Sessions.OpenSession(patient.TenantId);
        var stored = session.Insert(patient);
        await session.CommitAsync();
        return stored;
    }

    /// <summary>Stores a care case of a patient.</summary>
    public async Task<CareCase> AddCaseAsync(Patient patient)
    {
        var careCase = TestData.CareCase().For(patient).Build();
        await using var session = Sessions.OpenSession(patient.TenantId);
        var stored = session.Insert(careCase);
        await session.CommitAsync();
        return stored;
    }

    /// <summary>Counts every document of the intake and case collections and every outbox message, in both tenants.</summary>
    public async Task<string> SnapshotAsync()
    {
        var counts = new List<string>();
        foreach (var tenant in new[] { Tenant, OtherTenant })
        {
            await using var session = Sessions.OpenSession(tenant);
            counts.Add($"{tenant}: submissions={await session.CountAsync(DocumentQuery<IntakeSubmission>.All)}"
                + $" consents={await session.CountAsync(DocumentQuery<ConsentRecord>.All)}"
                + $" documents={await session.CountAsync(DocumentQuery<ConsentDocument>.All)}"
                + $" cases={await session.CountAsync(DocumentQuery<CareCase>.All)}"
                + $" patients={await session.CountAsync(DocumentQuery<Patient>.All)}"
                + $" outbox={(await Queue.ListAsync(new QueueQuery { Queue = OutboxMessage.QueueName, TenantId = tenant, Limit = 1000 })).Items.Count}");
        }

        return string.Join("; ", counts);
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>The EF Core provider on a temporary SQLite file.</summary>
public sealed class SqliteIntakeStorage : IntakeStorage
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "remedora-intake-tests", Guid.NewGuid().ToString("N") + ".db");
    private readonly EntityFrameworkCoreStorage _storage;

    private SqliteIntakeStorage()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseSqliteFile(_path), Model, new JsonDocumentCodec(), Clock);
    }

    public override IStorageSessionFactory Sessions => _storage.Sessions;

    public override IAuditLogStore AuditLog => _storage.AuditLog;

    public override IWorkQueue Queue => _storage.WorkQueue;

    public static async Task<SqliteIntakeStorage> CreateAsync()
    {
        var storage = new SqliteIntakeStorage();
        await storage._storage.MigrateAsync();
        return storage;
    }

    public override ValueTask DisposeAsync()
    {
        _storage.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The in-memory provider.</summary>
public sealed class InMemoryIntakeStorage : IntakeStorage
{
    private readonly Remedora.Storage.InMemory.InMemoryStorage _storage;

    public InMemoryIntakeStorage() => _storage = new Remedora.Storage.InMemory.InMemoryStorage(Model, new JsonDocumentCodec(), Clock);

    public override IStorageSessionFactory Sessions => _storage;

    public override IAuditLogStore AuditLog => _storage;

    public override IWorkQueue Queue => _storage;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The EF Core provider on a fresh schema of the PostgreSQL in <c>REMEDORA_TEST_POSTGRES</c> (skipped when it is not set).</summary>
public sealed class PostgresIntakeStorage : IntakeStorage
{
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    private readonly string _connectionString;
    private readonly string _schema = "intake_" + Guid.NewGuid().ToString("N")[..20];
    private readonly EntityFrameworkCoreStorage _storage;

    private PostgresIntakeStorage(string connectionString)
    {
        _connectionString = connectionString;
        _storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, _schema), Model, new JsonDocumentCodec(), Clock);
    }

    public override IStorageSessionFactory Sessions => _storage.Sessions;

    public override IAuditLogStore AuditLog => _storage.AuditLog;

    public override IWorkQueue Queue => _storage.WorkQueue;

    /// <summary>Skips the calling test when PostgreSQL is not configured, or fails it when it is required.</summary>
    public static async Task<PostgresIntakeStorage> CreateAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (connectionString is null && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.");
        var storage = new PostgresIntakeStorage(connectionString!);
        await storage._storage.MigrateAsync();
        return storage;
    }

    public override async ValueTask DisposeAsync()
    {
        _storage.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE";
        await command.ExecuteNonQueryAsync();
    }
}
