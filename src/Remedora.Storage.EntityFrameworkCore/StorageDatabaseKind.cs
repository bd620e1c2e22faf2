namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>The database Remedora storage runs on.</summary>
public enum StorageDatabaseKind
{
    /// <summary>None chosen yet: call <see cref="EntityFrameworkCoreStorageOptions.UseSqlite(string)"/> or <see cref="EntityFrameworkCoreStorageOptions.UseNpgsql(string, string)"/>.</summary>
    None = 0,

    /// <summary>SQLite: one database file, for one host (samples, small practices, tests).</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL: one database shared by many hosts.</summary>
    PostgreSql = 2,
}
