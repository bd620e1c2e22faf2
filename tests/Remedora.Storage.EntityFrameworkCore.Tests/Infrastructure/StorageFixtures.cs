using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>One migrated database per test class; each test opens its own storage on it (and uses its own tenants).</summary>
public abstract class StorageFixture : IAsyncLifetime
{
    public static StorageModel Model { get; } = StorageModel.Create([new CoreCollections(), new NoteCollections()]);

    /// <summary>Gets a value indicating whether the database exists (PostgreSQL needs <c>REMEDORA_TEST_POSTGRES</c>).</summary>
    public abstract bool IsAvailable { get; }

    public abstract EntityFrameworkCoreStorageOptions Options { get; }

    /// <summary>Skips (or, in CI, fails) the calling test when the database is not available.</summary>
    public abstract void Require();

    public EntityFrameworkCoreStorage Create(TimeProvider? clock = null, IEnumerable<ICommitInterceptor>? interceptors = null)
        => new(Options, Model, new JsonDocumentCodec(), clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)), interceptors);

    public async Task InitializeAsync()
    {
        if (IsAvailable)
        {
            await PrepareAsync();
            using var storage = Create();
            await storage.MigrateAsync();
        }
    }

    public Task DisposeAsync()
    {
        if (IsAvailable)
        {
            Drop();
        }

        return Task.CompletedTask;
    }

    protected virtual Task PrepareAsync() => Task.CompletedTask;

    protected abstract void Drop();
}

/// <summary>A temporary SQLite file, deleted afterwards.</summary>
public sealed class SqliteFixture : StorageFixture
{
    public string Path { get; } = TestDatabases.NewSqlitePath();

    public override bool IsAvailable => true;

    public override EntityFrameworkCoreStorageOptions Options => new EntityFrameworkCoreStorageOptions().UseSqliteFile(Path);

    public override void Require()
    {
    }

    protected override void Drop() => TestDatabases.DeleteSqlite(Path);
}

/// <summary>A fresh schema in the PostgreSQL of <c>REMEDORA_TEST_POSTGRES</c>, dropped afterwards.</summary>
public sealed class PostgreSqlFixture : StorageFixture
{
    public string? ConnectionString { get; } = TestDatabases.PostgresConnectionString;

    public string Schema { get; } = TestDatabases.NewSchemaName();

    public override bool IsAvailable => ConnectionString is not null;

    public override EntityFrameworkCoreStorageOptions Options => new EntityFrameworkCoreStorageOptions().UseNpgsql(ConnectionString!, Schema);

    public override void Require() => TestDatabases.RequirePostgres();

    protected override void Drop() => TestDatabases.DropSchema(ConnectionString!, Schema);
}
