namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Options of the Entity Framework Core storage provider: which database, where, and how it starts. Validated when
/// the host starts.
/// </summary>
/// <example>
/// <code>
/// services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqlite("Data Source=remedora.db")));
/// services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(connectionString, schema: "remedora")));
/// </code>
/// </example>
public sealed class EntityFrameworkCoreStorageOptions
{
    /// <summary>The PostgreSQL schema used when none is given.</summary>
    public const string DefaultSchema = "remedora";

    /// <summary>Gets or sets the database.</summary>
    /// <value>The default is <see cref="StorageDatabaseKind.None"/>, which fails validation: choose one with <see cref="UseSqlite(string)"/>, <see cref="UseSqliteFile(string)"/> or <see cref="UseNpgsql(string, string)"/>.</value>
    public StorageDatabaseKind Database { get; set; }

    /// <summary>Gets or sets the connection string (Microsoft.Data.Sqlite or Npgsql syntax, by <see cref="Database"/>).</summary>
    /// <value>The default is <see langword="null"/>, which fails validation.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the PostgreSQL schema that holds Remedora's tables. Ignored on SQLite.</summary>
    /// <value>The default is <see cref="DefaultSchema"/>. 1 to 63 characters <c>a-z</c>, <c>0-9</c> and <c>_</c>, starting with a letter or <c>_</c>.</value>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// Gets or sets how long a SQLite write waits for a writer in another process before it fails. Writers in this
    /// process never wait on SQLite's lock: they queue in order on one gate per database file. Ignored on PostgreSQL.
    /// </summary>
    /// <value>The default is 30 seconds. From one second to ten minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether the host applies the shipped migrations when it starts, before any
    /// hosted service runs. Otherwise apply them with <c>MigrateRemedoraStorageAsync()</c> or
    /// <see cref="EntityFrameworkCoreStorage.MigrateAsync(CancellationToken)"/> (or as a script, see docs/storage-efcore.md).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Uses a SQLite database.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string that names a file, for example <c>Data Source=remedora.db</c>; a relative path is resolved against the working directory.</param>
    /// <returns>These options.</returns>
    public EntityFrameworkCoreStorageOptions UseSqlite(string connectionString)
    {
        Database = StorageDatabaseKind.Sqlite;
        ConnectionString = connectionString;
        return this;
    }

    /// <summary>Uses a SQLite database file, created if it does not exist.</summary>
    /// <param name="path">The file, for example <c>remedora.db</c>; a relative path is resolved against the working directory.</param>
    /// <returns>These options.</returns>
    public EntityFrameworkCoreStorageOptions UseSqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString());
    }

    /// <summary>Uses a PostgreSQL database.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=remedora;Username=remedora;Password=…</c>.</param>
    /// <param name="schema">The schema that holds Remedora's tables; created by the migrations if it does not exist.</param>
    /// <returns>These options.</returns>
    public EntityFrameworkCoreStorageOptions UseNpgsql(string connectionString, string schema = DefaultSchema)
    {
        Database = StorageDatabaseKind.PostgreSql;
        ConnectionString = connectionString;
        Schema = schema;
        return this;
    }

    internal EntityFrameworkCoreStorageOptions Clone() => (EntityFrameworkCoreStorageOptions)MemberwiseClone();
}
