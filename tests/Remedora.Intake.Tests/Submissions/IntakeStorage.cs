using Microsoft.Data.Sqlite;
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

    public async Task<IReadOnlyList<AuditEvent>> AuditEventsAsync()
    {
        var events = new List<AuditEvent>();
        await foreach (var record in AuditLog.ReadChainAsync(Tenant).Select(e => e.Record!))
        {
            events.Add(record.Event);
        }

        return events;
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
