using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Remedora storage on Entity Framework Core, usable with or without a container: the sessions, the work queue and the
/// audit log of one SQLite or PostgreSQL database, and its migrations.
/// </summary>
/// <remarks>
/// <para>Every package's records share one fixed schema (documents and their declared index entries, queue items, the
/// audit log and one audit chain head per tenant), so adding a package, a collection or an index never needs a
/// migration: <see cref="MigrateAsync(CancellationToken)"/> builds the entries of new indexes. The schema and its migrations
/// are described in docs/storage-efcore.md.</para>
/// <para>With a container, <c>UseEntityFrameworkCoreStorage</c> registers one instance and exposes its parts as
/// <see cref="IStorageSessionFactory"/>, <see cref="IWorkQueue"/> and <see cref="IAuditLogStore"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// var options = new EntityFrameworkCoreStorageOptions().UseSqliteFile("remedora.db");
/// using var storage = new EntityFrameworkCoreStorage(options, StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), TimeProvider.System);
/// await storage.MigrateAsync();
/// await using var session = storage.Sessions.OpenSession(tenantId);
/// </code>
/// </example>
public sealed class EntityFrameworkCoreStorage : IDisposable
{
    private readonly StorageDatabase _database;
    private readonly StorageRuntime _runtime;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="EntityFrameworkCoreStorage"/> class.</summary>
    /// <param name="options">Which database and how; copied, so later changes have no effect.</param>
    /// <param name="model">The document collections (every package's contributions).</param>
    /// <param name="codec">Turns documents into stored text and index values into stored values.</param>
    /// <param name="timeProvider">The clock of commits, claims and leases.</param>
    /// <param name="interceptors">Called inside every commit's transaction after each step; none when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Receives the provider's and EF Core's logs; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public EntityFrameworkCoreStorage(
        EntityFrameworkCoreStorageOptions options,
        StorageModel model,
        IDocumentCodec codec,
        TimeProvider timeProvider,
        IEnumerable<ICommitInterceptor>? interceptors = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var failures = EntityFrameworkCoreStorageOptionsValidator.GetFailures(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        var snapshot = options.Clone();
        Database = snapshot.Database;
        _database = StorageDatabase.Create(snapshot, loggerFactory);
        var logger = (ILogger?)loggerFactory?.CreateLogger("Remedora.Storage.EntityFrameworkCore") ?? NullLogger.Instance;
        var runtime = new StorageRuntime(_database, model, codec, timeProvider, interceptors ?? [], logger);
        _runtime = runtime;
        Sessions = new EfStorageSessionFactory(runtime);
        WorkQueue = new EfWorkQueue(runtime);
        var integrator = new Internal.EfAuditIntegrator(runtime);
        AuditIntegrator = integrator;
        AuditLog = new EfAuditLogStore(runtime, integrator);
    }

    /// <summary>Gets the database this storage runs on.</summary>
    public StorageDatabaseKind Database { get; }

    /// <summary>Gets the sessions (units of work).</summary>
    public IStorageSessionFactory Sessions { get; }

    /// <summary>Gets the work queue (claims with leases).</summary>
    public IWorkQueue WorkQueue { get; }

    /// <summary>Gets the audit log.</summary>
    public IAuditLogStore AuditLog { get; }

    /// <summary>Gets the integrator that sequences committed audit records into each tenant's log (the audit package's hosted integrator calls it).</summary>
    public Remedora.Storage.IAuditLogIntegrator AuditIntegrator { get; }

    internal StorageDatabase StorageDatabase => _database;

    /// <summary>
    /// Applies the shipped migrations the database lacks (creating the PostgreSQL schema first if needed), then builds the
    /// entries of every declared index the database has not seen in its current definition (from the stored documents)
    /// and removes those of indexes no longer declared. Safe to call from several hosts at once: EF Core takes a
    /// migration lock, and each collection's indexes are built under a lock of their own.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the migration.</param>
    /// <returns>A task that completes when the schema and the index entries are current.</returns>
    /// <exception cref="UniqueConstraintViolationException">Stored documents already break a newly declared unique index; nothing of that collection's new indexes is built.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await IndexMaintenance.SynchronizeAsync(_runtime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the shipped migrations the database lacks, oldest first.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The migration ids; empty when the schema is current.</returns>
    public Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _database.GetPendingMigrationsAsync(cancellationToken);
    }

    /// <summary>Releases the pooled connections of this database.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _database.Dispose();
        }
    }
}
