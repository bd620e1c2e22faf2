using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Remedora.Storage.EntityFrameworkCore.Model;

namespace Remedora.Storage.EntityFrameworkCore;

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
