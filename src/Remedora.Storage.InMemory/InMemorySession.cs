namespace Remedora.Storage.InMemory;

/// <summary>A unit of work of the in-memory provider: reads go to the store at once, writes are staged until commit.</summary>
internal sealed partial class InMemorySession : IStorageSession
{
    private readonly InMemoryStorage _storage;
    private List<StagedWrite> _writes = [];
    private List<AuditEvent> _audit = [];
    private List<OutboxMessage> _messages = [];
    private List<QueueItem> _items = [];
    private List<Lease> _completions = [];
    private bool _disposed;

    public InMemorySession(InMemoryStorage storage, TenantId tenantId)
    {
        _storage = storage;
        TenantId = tenantId;
    }

    public TenantId TenantId { get; }

    public Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_storage.Find<T>(TenantId, key));
    }

    public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_storage.Query(TenantId, query));
    }

    public Task<long> CountAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_storage.Count(TenantId, query));
    }

    public T Insert<T>(T document)
        where T : class
    {
        var collection = CollectionFor(document);
        var version = collection.VersionOf(document);
        if (version != 0)
        {
            throw new ArgumentException($"A new {collection.ResourceType} has version 0, but '{collection.KeyOf(document)}' has version {version}. Use Update to change a stored document.", nameof(document));
        }

        var stored = collection.WithVersion(document, 1);
        _writes.Add(new StagedWrite(WriteKind.Insert, collection, 0, _storage.Encode(collection, stored, 1)));
        return stored;
    }

    public T Update<T>(T document)
        where T : class
    {
        var collection = CollectionFor(document);
        var version = collection.VersionOf(document);
        var stored = collection.WithVersion(document, version + 1);
        _writes.Add(new StagedWrite(WriteKind.Update, collection, version, _storage.Encode(collection, stored, version + 1)));
        return stored;
    }

    public void Delete<T>(T document)
        where T : class
    {
        var collection = CollectionFor(document);
        var key = collection.KeyOf(document);
        ArgumentNullException.ThrowIfNull(key);
        _writes.Add(new StagedWrite(WriteKind.Delete, collection, collection.VersionOf(document), new StoredDocument(key, 0, string.Empty, [])));
    }

    public void Audit(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ThrowIfDisposed();
        if (auditEvent.TenantId != TenantId)
        {
            throw new TenantMismatchException("AuditEvent", TenantId, auditEvent.TenantId);
        }

        _audit.Add(auditEvent);
    }

    public void Publish(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfDisposed();
        OutboxKeys.ValidateMessage(message);
        _messages.Add(message);
    }

    public void Enqueue(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfDisposed();
        if (item.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, item.TenantId);
        }

        if (item.Id == Guid.Empty)
        {
            throw new ArgumentException("A queue item needs an id; the id is the empty GUID.", nameof(item));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(item.Queue);
        _items.Add(item);
    }

    public void Complete(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ThrowIfDisposed();
        if (lease.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, lease.TenantId);
        }

        _completions.Add(lease);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_writes.Count == 0 && _audit.Count == 0 && _messages.Count == 0 && _items.Count == 0 && _completions.Count == 0 && _changes.Count == 0)
        {
            return;
        }

        // Whatever happens, the session is empty afterwards (the contract of IStorageSession).
        var batch = new CommitBatch(TenantId, _writes, _audit, _messages, _items, _completions) { Changes = TakeChanges() };
        _writes = [];
        _audit = [];
        _messages = [];
        _items = [];
        _completions = [];
        await _storage.CommitAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _ = TakeChanges();
        _writes = [];
        _audit = [];
        _messages = [];
        _items = [];
        _completions = [];
        return ValueTask.CompletedTask;
    }

    private DocumentCollection<T> CollectionFor<T>(T document)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfDisposed();
        var collection = _storage.Model.Get<T>();
        var tenant = collection.TenantOf(document);
        if (tenant != TenantId)
        {
            throw new TenantMismatchException(collection.ResourceType, TenantId, tenant);
        }

        return collection;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
