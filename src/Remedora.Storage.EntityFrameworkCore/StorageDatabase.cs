using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Remedora.Storage.EntityFrameworkCore.Model;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Owns the EF Core contexts of one database and runs work on their connections: reads on a pooled connection,
/// writes in one transaction. On SQLite, every write in this process goes through one gate per database file and
/// starts with <c>BEGIN IMMEDIATE</c>, so writers queue in process instead of meeting <c>SQLITE_BUSY</c>; writers in
/// other processes wait through the busy timeout.
/// </summary>
internal abstract partial class StorageDatabase : IDisposable
{
    private readonly ILogger _logger;

    protected StorageDatabase(SqlDialect dialect, string connectionString, ILogger logger)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        _logger = logger;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Gets the connection string as the provider uses it (after Remedora's settings were applied).</summary>
    public string ConnectionString { get; }

    public static StorageDatabase Create(EntityFrameworkCoreStorageOptions options, ILoggerFactory? loggerFactory)
    {
        var logger = (ILogger?)loggerFactory?.CreateLogger("Remedora.Storage.EntityFrameworkCore") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        return options.Database switch
        {
            StorageDatabaseKind.Sqlite => new SqliteStorageDatabase(options, loggerFactory, logger),
            StorageDatabaseKind.PostgreSql => new PostgreSqlStorageDatabase(options, loggerFactory, logger),
            _ => throw new InvalidOperationException(EntityFrameworkCoreStorageOptionsValidator.NoDatabase),
        };
    }

    /// <summary>Runs reads (or single autocommit statements that need no gate) on a pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var context = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(context.Database.GetDbConnection(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>Runs writes in one transaction, committed when <paramref name="work"/> returns and rolled back when it throws.</summary>
    public virtual async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var context = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = context.Database.GetDbConnection();
            var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
        finally
        {
            await ReleaseAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one write statement (with any reads it needs) as cheaply as the database allows: on PostgreSQL in
    /// autocommit (<paramref name="work"/> gets no transaction), on SQLite through the writer gate in a transaction.
    /// </summary>
    public abstract Task<T> AutoCommitAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Applies the shipped migrations that the database lacks.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var context = await RentAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            await PrepareSchemaAsync(context, cancellationToken).ConfigureAwait(false);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count == 0)
            {
                StorageLog.SchemaUpToDate(_logger, Dialect.Name);
                return;
            }

            StorageLog.ApplyingMigrations(_logger, pending.Count, Dialect.Name);
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            StorageLog.MigrationsApplied(_logger, pending.Count, Dialect.Name);
        }
    }

    /// <summary>Lists the shipped migrations that the database lacks.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var context = await RentAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        }
    }

    /// <summary>Lists every migration shipped for this database, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetMigrationsAsync(CancellationToken cancellationToken)
    {
        var context = await RentAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return context.Database.GetMigrations().ToList();
        }
    }

    public abstract void Dispose();

    /// <summary>Gets a context for migrations and model queries (its connection closed).</summary>
    protected abstract ValueTask<StorageContext> RentAsync(CancellationToken cancellationToken);

    /// <summary>Gets a context whose connection is open, for one operation.</summary>
    protected abstract ValueTask<StorageContext> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Gives back a context from <see cref="OpenAsync"/>.</summary>
    protected abstract ValueTask ReleaseAsync(StorageContext context);

    /// <summary>
    /// Begins a write transaction on an open context's connection. It is the connection's own transaction, not one EF
    /// Core tracks: the provider's writes are hand-written commands on that connection, so EF Core's transaction
    /// bookkeeping (and its per-transaction logging and interception) would only add cost to every commit.
    /// </summary>
    protected abstract ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Prepares the database for migrations (PostgreSQL: creates the schema).</summary>
    protected virtual Task PrepareSchemaAsync(StorageContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once-per-process set-up before the first use (SQLite: WAL).</summary>
    protected virtual ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Opens a new context's connection, disposing the context when that fails.</summary>
    protected static async ValueTask<T> OpenConnectionAsync<T>(T context, CancellationToken cancellationToken)
        where T : StorageContext
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return context;
    }

    protected static void ConfigureCommon(DbContextOptionsBuilder builder, ILoggerFactory? loggerFactory)
    {
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        // Every test class and host builds its own options; they must not exhaust EF Core's service provider cache.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
    }
}
