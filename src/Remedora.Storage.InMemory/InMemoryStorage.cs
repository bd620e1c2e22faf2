namespace Remedora.Storage.InMemory;

/// <summary>
/// The in-memory storage provider: sessions (<see cref="IStorageSessionFactory"/>), the work queue
/// (<see cref="IWorkQueue"/>) and the audit log (<see cref="IAuditLogStore"/>) over one process-local store, with the
/// semantics of the database providers. For tests and prototypes: nothing survives the process.
/// </summary>
/// <remarks>
/// <para>Documents are stored as the <see cref="IDocumentCodec"/>'s text, so every read returns a new copy and a
/// protecting codec encrypts and blind-indexes exactly as it does in a database.</para>
/// <para>Writes are serialised: queue operations under a short lock, commits one at a time (their interceptors may
/// await) and published under the same lock. Readers never wait and see either all of a commit or none of it. A
/// commit runs the <see cref="ICommitInterceptor"/>s after each step; when anything throws, nothing of the unit of
/// work is visible. An interceptor must not commit through the same store (it would wait for itself).</para>
/// </remarks>
public sealed partial class InMemoryStorage : IStorageSessionFactory, IWorkQueue, IAuditLogStore
{
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly Lock _writeGate = new();
    private readonly ICommitInterceptor[] _interceptors;
    private StoreState _state = StoreState.Empty;

    /// <summary>Initializes a new instance of the <see cref="InMemoryStorage"/> class.</summary>
    /// <param name="model">The document collections, for example <c>StorageModel.Create([new CoreCollections()])</c>.</param>
    /// <param name="codec">Turns documents into stored text and index values into stored values, for example <see cref="JsonDocumentCodec"/>.</param>
    /// <param name="timeProvider">The clock for commit, claim and lease times.</param>
    /// <param name="interceptors">The commit interceptors; none by default.</param>
    public InMemoryStorage(StorageModel model, IDocumentCodec codec, TimeProvider timeProvider, IEnumerable<ICommitInterceptor>? interceptors = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Model = model;
        Codec = codec;
        TimeProvider = timeProvider;
        _interceptors = interceptors?.ToArray() ?? [];
    }

    /// <summary>Gets the document collections.</summary>
    public StorageModel Model { get; }

    internal IDocumentCodec Codec { get; }

    internal TimeProvider TimeProvider { get; }

    private StoreState State => Volatile.Read(ref _state);

    /// <inheritdoc/>
    public IStorageSession OpenSession(TenantId tenantId)
    {
        if (tenantId.IsEmpty)
        {
            throw new ArgumentException("A session works within a tenant; the tenant id is empty.", nameof(tenantId));
        }

        return new InMemorySession(this, tenantId);
    }

    private DateTimeOffset Now() => StorageTime.Normalize(TimeProvider.GetUtcNow());

    /// <summary>Runs a synchronous change under the write lock and publishes its result; when it throws, nothing changes.</summary>
    private Task<TResult> WriteAsync<TResult>(Func<StoreState, DateTimeOffset, (StoreState Next, TResult Result)> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            var (next, result) = change(_state, Now());
            Volatile.Write(ref _state, next);
            return Task.FromResult(result);
        }
    }
}
