using Microsoft.EntityFrameworkCore;
using Remedora.Storage.EntityFrameworkCore.Model;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Model_Sqlite_MatchesTheLastShippedMigration()
    {
        using var context = new SqliteStorageContext(new DbContextOptionsBuilder<SqliteStorageContext>().UseSqlite("Data Source=unused.db").Options);

        Assert.False(context.Database.HasPendingModelChanges(), "The SQLite model changed without a migration: add one (docs/storage-efcore.md).");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void Model_PostgreSql_MatchesTheLastShippedMigration()
    {
        using var context = new PostgreSqlStorageContext(new DbContextOptionsBuilder<PostgreSqlStorageContext>().UseNpgsql("Host=unused").Options);

        Assert.False(context.Database.HasPendingModelChanges(), "The PostgreSQL model changed without a migration: add one (docs/storage-efcore.md).");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void Migrations_ShippedForBothDatabases_AreSeparateSets()
    {
        using var sqlite = new SqliteStorageContext(new DbContextOptionsBuilder<SqliteStorageContext>().UseSqlite("Data Source=unused.db").Options);
        using var postgres = new PostgreSqlStorageContext(new DbContextOptionsBuilder<PostgreSqlStorageContext>().UseNpgsql("Host=unused").Options);

        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }
}
