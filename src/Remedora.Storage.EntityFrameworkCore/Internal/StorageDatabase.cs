using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
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

/// <summary>
/// SQLite: WAL, a busy timeout on every connection, one writer gate per database file in this process, and group
/// commit: writes that queue while another is in progress run together in the next transaction.
/// </summary>
/// <remarks>
/// SQLite has one writer, and with <c>synchronous = FULL</c> every commit syncs the WAL, which costs more than the
/// statements. Writers that queue behind the gate therefore do not each pay for a transaction: whoever takes the gate
/// runs every write queued at that moment (up to <see cref="MaxBatch"/>) in one <c>BEGIN IMMEDIATE</c> transaction,
/// each inside a savepoint. A write that throws is rolled back to its savepoint and gets its own exception; the others
/// commit together, and each caller's task completes only after that commit, so the result is what serial commits
/// would have produced, with one sync for the batch. A write that is alone runs without a savepoint.
/// </remarks>
internal sealed class SqliteStorageDatabase : StorageDatabase
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private const int MaxIdleContexts = 32;

    /// <summary>The most writes one group commit runs.</summary>
    internal const int MaxBatch = 64;

    private const string Savepoint = "remedora_write";

    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private long _transactions;

    private readonly DbContextOptions<SqliteStorageContext> _contextOptions;
    private readonly ConcurrentBag<SqliteStorageContext> _idle = [];
    private readonly SemaphoreSlim _gate;
    private int _idleCount;
    private volatile bool _walEnsured;
    private volatile bool _disposed;

    public SqliteStorageDatabase(EntityFrameworkCoreStorageOptions options, ILoggerFactory? loggerFactory, ILogger logger)
        : base(SqliteDialect.Instance, BuildConnectionString(options), logger)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        FilePath = Path.GetFullPath(builder.DataSource);
        _gate = Gates.GetOrAdd(FilePath, _ => new SemaphoreSlim(1, 1));
        BusyTimeout = options.BusyTimeout;
        var contextOptions = new DbContextOptionsBuilder<SqliteStorageContext>()
            .UseSqlite(ConnectionString, sqlite => sqlite.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable))
            .AddInterceptors(new SqliteConnectionSetup(options.BusyTimeout));
        ConfigureCommon(contextOptions, loggerFactory);
        _contextOptions = contextOptions.Options;
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string FilePath { get; }

    public TimeSpan BusyTimeout { get; }

    public static string BuildConnectionString(EntityFrameworkCoreStorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Pooling = true;

        // Microsoft.Data.Sqlite retries a busy statement until its command timeout: keep it beyond the busy timeout.
        var seconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds) + 30;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, seconds);
        return builder.ToString();
    }

    public override void Dispose()
    {
        _disposed = true;
        DisposeIdle();
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    protected override ValueTask<StorageContext> RentAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult<StorageContext>(new SqliteStorageContext(_contextOptions));

    /// <summary>
    /// Opening a SQLite connection through EF Core re-registers EF Core's SQL functions on the native connection every
    /// time (far more than the open itself costs), so contexts keep their connection open between operations: an idle
    /// connection holds no lock and no snapshot in WAL mode.
    /// </summary>
    protected override async ValueTask<StorageContext> OpenAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var context))
        {
            Interlocked.Decrement(ref _idleCount);
            return context;
        }

        return await OpenConnectionAsync(new SqliteStorageContext(_contextOptions), cancellationToken).ConfigureAwait(false);
    }

    protected override ValueTask ReleaseAsync(StorageContext context)
    {
        // Write transactions are the connection's own and always disposed before this, so an open connection is idle.
        if (!_disposed && context.Database.GetDbConnection().State == ConnectionState.Open)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleContexts)
            {
                _idle.Add((SqliteStorageContext)context);
                if (_disposed)
                {
                    DisposeIdle();
                }

                return ValueTask.CompletedTask;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        return context.DisposeAsync();
    }

    public override Task<T> AutoCommitAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        => WriteAsync<T>((connection, transaction, ct) => work(connection, transaction, ct), cancellationToken);

    protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Microsoft.Data.Sqlite starts serializable transactions with BEGIN IMMEDIATE: the write lock is taken first,
        // so a transaction never has to upgrade from a read lock (which SQLite could refuse with SQLITE_BUSY).
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable));
    }

    /// <summary>Gets how many writes are queued for the gate (for tests).</summary>
    internal int QueuedWrites => _pending.Count;

    /// <summary>Gets how many write transactions this instance has run (for tests).</summary>
    internal long WriteTransactions => Interlocked.Read(ref _transactions);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var write = new PendingWrite<T>(work, cancellationToken);
        _pending.Enqueue(write);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!write.TryCancel())
        {
            // A batch took the write before the cancellation: its outcome stands.
            return await write.Task.ConfigureAwait(false);
        }

        try
        {
            // Every caller takes the gate once; whoever finds their write still queued runs a batch that includes it.
            while (write.IsQueued)
            {
                await RunBatchAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await write.Task.ConfigureAwait(false);
    }

    private async Task RunBatchAsync()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _transactions);
        try
        {
            var context = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                var connection = context.Database.GetDbConnection();
                var transaction = await BeginAsync(connection, CancellationToken.None).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (batch.Count == 1)
                    {
                        // Alone: a failure rolls the whole transaction back (disposing it without a commit).
                        if (!await batch[0].RunAsync(connection, transaction).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    else
                    {
                        foreach (var write in batch)
                        {
                            await transaction.SaveAsync(Savepoint).ConfigureAwait(false);
                            if (!await write.RunAsync(connection, transaction).ConfigureAwait(false))
                            {
                                await transaction.RollbackAsync(Savepoint).ConfigureAwait(false);
                            }

                            await transaction.ReleaseAsync(Savepoint).ConfigureAwait(false);
                        }
                    }

                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await ReleaseAsync(context).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The transaction itself failed (begin, savepoint or commit): nothing of the batch was written.
            foreach (var write in batch)
            {
                write.FailUnlessFailed(ex);
            }
        }
        finally
        {
            foreach (var write in batch)
            {
                write.Complete();
            }
        }
    }

    /// <summary>A write waiting for, or running in, a group commit.</summary>
    private abstract class PendingWrite
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Cancelled = 2;
        private int _state;

        public bool IsQueued => Volatile.Read(ref _state) == Queued;

        protected Exception? Failure { get; private set; }

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;

        /// <summary>Runs the write; returns <see langword="false"/> (keeping the exception) when it threw.</summary>
        public async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                await RunCoreAsync(connection, transaction).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                Failure = ex;
                return false;
            }
        }

        public void FailUnlessFailed(Exception ex) => Failure ??= ex;

        public abstract void Complete();

        protected abstract Task RunCoreAsync(DbConnection connection, DbTransaction transaction);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Complete()
        {
            if (Failure is OperationCanceledException canceled && cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(canceled.CancellationToken.IsCancellationRequested ? canceled.CancellationToken : cancellationToken);
            }
            else if (Failure is { } failure)
            {
                _completion.TrySetException(failure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        protected override async Task RunCoreAsync(DbConnection connection, DbTransaction transaction)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
        => _walEnsured ? ValueTask.CompletedTask : new ValueTask(EnsureWalAsync(cancellationToken));

    private async Task EnsureWalAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_walEnsured)
            {
                return;
            }

            await using var context = new SqliteStorageContext(_contextOptions);
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var command = context.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The SQLite database '{Path.GetFileName(FilePath)}' could not be switched to WAL mode (it reports '{mode}'). Remedora needs WAL: use a database file on a local file system.");
                }

                _walEnsured = true;
            }
            finally
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var context))
        {
            Interlocked.Decrement(ref _idleCount);
            context.Dispose();
        }
    }

    /// <summary>Sets the busy timeout on every connection EF Core opens (a per-connection setting in SQLite).</summary>
    private sealed class SqliteConnectionSetup(TimeSpan busyTimeout) : DbConnectionInterceptor
    {
        private readonly string _pragma = FormattableString.Invariant($"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};");

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragma;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>PostgreSQL: the schema is the connection's search path, so the same migrations serve any schema name.</summary>
internal sealed class PostgreSqlStorageDatabase : StorageDatabase
{
    private readonly PooledDbContextFactory<PostgreSqlStorageContext> _factory;

    public PostgreSqlStorageDatabase(EntityFrameworkCoreStorageOptions options, ILoggerFactory? loggerFactory, ILogger logger)
        : base(PostgreSqlDialect.Instance, BuildConnectionString(options), logger)
    {
        Schema = options.Schema;
        var contextOptions = new DbContextOptionsBuilder<PostgreSqlStorageContext>()
            .UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable, options.Schema));
        ConfigureCommon(contextOptions, loggerFactory);
        _factory = new PooledDbContextFactory<PostgreSqlStorageContext>(contextOptions.Options);
    }

    public string Schema { get; }

    public static string BuildConnectionString(EntityFrameworkCoreStorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
        };
        return builder.ToString();
    }

    public override void Dispose()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    protected override async ValueTask<StorageContext> RentAsync(CancellationToken cancellationToken)
        => await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Npgsql pools physical connections, so each operation rents a pooled context and opens its connection.</summary>
    protected override async ValueTask<StorageContext> OpenAsync(CancellationToken cancellationToken)
    {
        var context = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(context, cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask ReleaseAsync(StorageContext context)
    {
        await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        await context.DisposeAsync().ConfigureAwait(false);
    }

    public override Task<T> AutoCommitAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        => ReadAsync<T>((connection, ct) => work(connection, null, ct), cancellationToken);

    protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
        => connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override async Task PrepareSchemaAsync(StorageContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = context.Database.GetDbConnection();
            var statement = Dialect.Statement("SELECT COUNT(*) FROM pg_catalog.pg_namespace WHERE nspname = @schema").Text("@schema", Schema);
            await using var exists = Dialect.Command(connection, null, statement);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                // The schema name is validated (a-z, 0-9, '_'), so quoting it is enough.
                await using var create = connection.CreateCommand();
                create.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{Schema}\"";
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
