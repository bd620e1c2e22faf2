using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.Storage.EntityFrameworkCore.Tests.Conformance;

// The storage conformance suite of Remedora.Testing, run against the EF Core provider: every suite on SQLite (one
// temporary file per test class) and on PostgreSQL (one fresh schema per test class, dropped afterwards). Each test
// builds its own container and applies the migrations (a no-op after the class's first test). The outbox suite's
// dispatchers claim across tenants, so its tests would see the messages earlier tests left: each of its tests gets a
// database of its own.

/// <summary>A temporary SQLite file for one test class (or one per test), deleted afterwards.</summary>
public sealed class SqliteConformanceDatabase : IDisposable
{
    private readonly List<string> _fresh = [];

    public string Path { get; } = TestDatabases.NewSqlitePath();

    public void Configure(IRemedoraBuilder builder) => builder.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(Path));

    public void ConfigureFresh(IRemedoraBuilder builder)
    {
        var path = TestDatabases.NewSqlitePath();
        _fresh.Add(path);
        builder.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path));
    }

    public void Dispose()
    {
        foreach (var path in _fresh.Append(Path))
        {
            TestDatabases.DeleteSqlite(path);
        }
    }
}

/// <summary>A fresh schema in the PostgreSQL of <c>REMEDORA_TEST_POSTGRES</c> for one test class, dropped afterwards.</summary>
public sealed class PostgreSqlConformanceDatabase : IDisposable
{
    private readonly List<string> _fresh = [];

    public string? ConnectionString { get; } = TestDatabases.PostgresConnectionString;

    public string Schema { get; } = TestDatabases.NewSchemaName();

    /// <summary>Gets why the tests cannot run, or <see langword="null"/>; throws when PostgreSQL is required but not configured.</summary>
    public string? SkipReason
    {
        get
        {
            if (ConnectionString is not null)
            {
                return null;
            }

            if (Environment.GetEnvironmentVariable(TestDatabases.RequirePostgresVariable) == "1")
            {
                throw new InvalidOperationException($"{TestDatabases.RequirePostgresVariable}=1 but {TestDatabases.PostgresVariable} is not set: the PostgreSQL tests must run.");
            }

            return $"{TestDatabases.PostgresVariable} is not set: set it to a PostgreSQL connection string to run the PostgreSQL tests.";
        }
    }

    public void Configure(IRemedoraBuilder builder) => builder.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(ConnectionString!, Schema));

    public void ConfigureFresh(IRemedoraBuilder builder)
    {
        var schema = TestDatabases.NewSchemaName();
        _fresh.Add(schema);
        builder.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(ConnectionString!, schema));
    }

    public void Dispose()
    {
        if (ConnectionString is not null)
        {
            foreach (var schema in _fresh.Append(Schema))
            {
                TestDatabases.DropSchema(ConnectionString, schema);
            }
        }
    }
}

public sealed class SqliteDocumentConformanceTests(SqliteConformanceDatabase database) : DocumentConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlDocumentConformanceTests(PostgreSqlConformanceDatabase database) : DocumentConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteUnitOfWorkConformanceTests(SqliteConformanceDatabase database) : UnitOfWorkConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlUnitOfWorkConformanceTests(PostgreSqlConformanceDatabase database) : UnitOfWorkConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteQueueConformanceTests(SqliteConformanceDatabase database) : QueueConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlQueueConformanceTests(PostgreSqlConformanceDatabase database) : QueueConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteAuditLogConformanceTests(SqliteConformanceDatabase database) : AuditLogConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlAuditLogConformanceTests(PostgreSqlConformanceDatabase database) : AuditLogConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteTenantIsolationConformanceTests(SqliteConformanceDatabase database) : TenantIsolationConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlTenantIsolationConformanceTests(PostgreSqlConformanceDatabase database) : TenantIsolationConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteOutboxConformanceTests(SqliteConformanceDatabase database) : OutboxConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.ConfigureFresh(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlOutboxConformanceTests(PostgreSqlConformanceDatabase database) : OutboxConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.ConfigureFresh(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteRecordsConformanceTests(SqliteConformanceDatabase database) : RecordsConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlRecordsConformanceTests(PostgreSqlConformanceDatabase database) : RecordsConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class SqliteDeclaredIndexConformanceTests(SqliteConformanceDatabase database) : DeclaredIndexConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlDeclaredIndexConformanceTests(PostgreSqlConformanceDatabase database) : DeclaredIndexConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}
