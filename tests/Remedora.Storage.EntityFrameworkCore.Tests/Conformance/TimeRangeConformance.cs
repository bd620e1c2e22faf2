using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.Storage.EntityFrameworkCore.Tests.Conformance;

// The time-range conformance suite on SQLite (one temporary file per class) and PostgreSQL (one fresh schema per class).

public sealed class SqliteTimeRangeConformanceTests(SqliteConformanceDatabase database) : TimeRangeConformanceTests, IClassFixture<SqliteConformanceDatabase>
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}

public sealed class PostgreSqlTimeRangeConformanceTests(PostgreSqlConformanceDatabase database) : TimeRangeConformanceTests, IClassFixture<PostgreSqlConformanceDatabase>
{
    protected override string? SkipReason => database.SkipReason;

    protected override void ConfigureStorage(IRemedoraBuilder builder) => database.Configure(builder);

    protected override Task InitializeStorageAsync(IServiceProvider services) => services.MigrateRemedoraStorageAsync();
}
