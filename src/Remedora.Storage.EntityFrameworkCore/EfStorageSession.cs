using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// A unit of work on the EF Core provider. Reads go to the database at once; writes are staged (documents encoded,
/// versions checked against the tenant) and applied by <see cref="CommitAsync"/> in one transaction with lean,
/// parameterised commands: documents and their index entries (the database's unique indexes decide unique
/// constraints), then audit, then outbox messages, queue items and lease completions.
/// </summary>
internal sealed partial class EfStorageSession : IStorageSession
{
    private const string InsertDocumentSql =
        "INSERT INTO documents (tenant_id, collection, document_key, version, data, created_at, updated_at) "
        + "VALUES (@t, @c, @k, @v, @d, @now, @now) "
        + "ON CONFLICT (tenant_id, collection, document_key) DO NOTHING";

    private const string UpdateDocumentSql =
        "UPDATE documents SET version = @v, data = @d, updated_at = @now WHERE tenant_id = @t AND collection = @c AND document_key = @k AND version = @expected";

    private const string DeleteDocumentSql =
        "DELETE FROM documents WHERE tenant_id = @t AND collection = @c AND document_key = @k AND version = @expected";

    private const string CompleteSql =
        "UPDATE queue_items SET status = 2, finished_at = @now, lease_token = NULL, lease_expires_at = NULL "
        + "WHERE tenant_id = @t AND id = @id AND status = 1 AND lease_token = @token";

    private readonly StorageRuntime _runtime;
    private List<DocumentWrite> _documents = [];
    private List<AuditEvent> _audit = [];
    private List<QueueItem> _enqueued = [];
    private List<OutboxMessage> _published = [];
    private List<Lease> _completions = [];
    private bool _disposed;

    public EfStorageSession(StorageRuntime runtime, TenantId tenantId)
    {
        _runtime = runtime;
        TenantId = tenantId;
    }

    private enum WriteKind
    {
        Insert,
        Update,
        Delete,
    }

    public TenantId TenantId { get; }

    private SqlDialect Dialect => _runtime.Database.Dialect;

    public async Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(key);
        var collection = _runtime.Model.Get<T>();
        var statement = Dialect.Statement("SELECT version, data FROM documents WHERE tenant_id = @t AND collection = @c AND document_key = @k")
            .Text("@t", TenantId.Value)
            .Text("@c", collection.Name)
            .Text("@k", key);
        return await _runtime.Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return null;
                }

                return Decode(collection, reader.GetInt64(0), reader.GetString(1));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(query);
        var collection = _runtime.Model.Get<T>();
        var plan = IndexQueryPlan.Create(collection, _runtime.Codec, query.Conditions, query.OrderByIndex, query.ContinuationToken);
        var order = plan.Order;
        var statement = DocumentQuerySql.Select(Dialect, TenantId, collection, plan, query.Descending, query.Limit + 1);
        return await _runtime.Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var items = new List<T>(Math.Min(query.Limit, 128));
                string? lastKey = null;
                byte[]? lastEntry = null;
                var more = false;
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    if (items.Count == query.Limit)
                    {
                        more = true;
                        break;
                    }

                    lastKey = reader.GetString(0);
                    items.Add(Decode(collection, reader.GetInt64(1), reader.GetString(2)));
                    if (order is not null)
                    {
                        lastEntry = (byte[])reader.GetValue(3);
                    }
                }

                return new DocumentPage<T>(items, more ? ContinuationToken.Encode(lastEntry, lastKey!) : null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(query);
        var collection = _runtime.Model.Get<T>();
        var plan = IndexQueryPlan.Create(collection, _runtime.Codec, query.Conditions, null, null, withPosition: false);
        var statement = DocumentQuerySql.Count(Dialect, TenantId, collection, plan);
        return await _runtime.Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public T Insert<T>(T document)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(document);
        var collection = _runtime.Model.Get<T>();
        CheckTenant(collection, document);
        var version = collection.VersionOf(document);
        if (version != 0)
        {
            throw new ArgumentException($"A new {collection.ResourceType} has version 0, but this one has version {version}. Insert new documents; change stored ones with Update.", nameof(document));
        }

        var stored = collection.WithVersion(document, 1);
        _documents.Add(Stage(WriteKind.Insert, collection, stored, 0));
        return stored;
    }

    public T Update<T>(T document)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(document);
        var collection = _runtime.Model.Get<T>();
        CheckTenant(collection, document);
        var version = RequireStoredVersion(collection, document);
        var stored = collection.WithVersion(document, version + 1);
        _documents.Add(Stage(WriteKind.Update, collection, stored, version));
        return stored;
    }

    public void Delete<T>(T document)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(document);
        var collection = _runtime.Model.Get<T>();
        CheckTenant(collection, document);
        var version = RequireStoredVersion(collection, document);
        _documents.Add(new DocumentWrite(WriteKind.Delete, collection, KeyOf(collection, document), version, null, []));
    }

    public void Audit(AuditEvent auditEvent)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.TenantId != TenantId)
        {
            throw new TenantMismatchException("AuditEvent", TenantId, auditEvent.TenantId);
        }

        _audit.Add(auditEvent);
    }

    public void Publish(OutboxMessage message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OutboxKeys.ValidateMessage(message);
        _published.Add(message);
    }

    public void Enqueue(QueueItem item)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(item);
        if (item.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, item.TenantId);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(item.Queue, nameof(item));
        _enqueued.Add(item);
    }

    public void Complete(Lease lease)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, lease.TenantId);
        }

        _completions.Add(lease);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var work = new StagedWork(_documents, _audit, _enqueued, _published, _completions) { Changes = TakeChanges() };
        _documents = [];
        _audit = [];
        _enqueued = [];
        _published = [];
        _completions = [];
        if (work.IsEmpty)
        {
            return;
        }

        await _runtime.Database.WriteAsync((connection, transaction, ct) => CommitCoreAsync(work, connection, transaction, ct), cancellationToken).ConfigureAwait(false);
        MarkTimeRangesVerified();
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _ = TakeChanges();
        _documents = [];
        _audit = [];
        _enqueued = [];
        _published = [];
        _completions = [];
        return ValueTask.CompletedTask;
    }

    private static string KeyOf(DocumentCollection collection, object document)
    {
        var key = collection.GetKey(document);
        if (string.IsNullOrEmpty(key) || key.Length > DocumentIndex.MaxKeyLength)
        {
            throw new ArgumentException($"A {collection.ResourceType} key has 1 to {DocumentIndex.MaxKeyLength} characters.", nameof(document));
        }

        return key;
    }

    private static long RequireStoredVersion(DocumentCollection collection, object document)
    {
        var version = collection.GetVersion(document);
        if (version < 1)
        {
            throw new ArgumentException($"A stored {collection.ResourceType} has version 1 or more; this one has version {version}. Pass the document as it was read, or Insert a new one.", nameof(document));
        }

        return version;
    }

    private void CheckTenant(DocumentCollection collection, object document)
    {
        var tenant = collection.GetTenant(document);
        if (tenant != TenantId)
        {
            throw new TenantMismatchException(collection.ResourceType, TenantId, tenant);
        }
    }

    private DocumentWrite Stage(WriteKind kind, DocumentCollection collection, object stored, long expectedVersion)
    {
        var key = KeyOf(collection, stored);
        return new DocumentWrite(kind, collection, key, expectedVersion, _runtime.Codec.Encode(collection, stored), IndexEntries.Of(collection, _runtime.Codec, stored));
    }

    private T Decode<T>(DocumentCollection<T> collection, long version, string data)
        where T : class
        => collection.WithVersion((T)_runtime.Codec.Decode(collection, data), version);

    private async Task<bool> CommitCoreAsync(StagedWork work, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var now = StorageTime.Normalize(_runtime.TimeProvider.GetUtcNow());
        await WriteDocumentsAsync(work.Documents, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        await WriteTimeRangesAsync(work.Documents, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        await _runtime.AfterStepAsync(TenantId, CommitStep.Documents, cancellationToken).ConfigureAwait(false);
        if (work.Audit.Count > 0)
        {
            await AuditAppender.AppendAsync(Dialect, _runtime.Codec, TenantId, work.Audit, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        await _runtime.AfterStepAsync(TenantId, CommitStep.Audit, cancellationToken).ConfigureAwait(false);
        await WriteQueueAsync(work, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        await _runtime.AfterStepAsync(TenantId, CommitStep.Outbox, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task WriteDocumentsAsync(List<DocumentWrite> writes, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        // Rows are locked in one order (collection, key) so two commits never wait on each other in a cycle; the sort is
        // stable, so writes to one document keep their staging order.
        IReadOnlyList<DocumentWrite> ordered = writes.Count == 1
            ? writes
            : writes.OrderBy(w => w.Collection.Name, StringComparer.Ordinal).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        var statements = new List<Statement>(ordered.Count);
        foreach (var write in ordered)
        {
            statements.Add(BuildDocumentStatement(write, now));
        }

        var counts = await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 1)
            {
                // An insert that meets an existing key reports expected 0 and no actual version (docs/storage.md).
                var write = ordered[i];
                var actual = write.Kind == WriteKind.Insert ? null : await ReadVersionAsync(write, connection, transaction, cancellationToken).ConfigureAwait(false);
                StorageLog.CommitConflict(_runtime.Logger, TenantId.Value, write.Collection.ResourceType, write.ExpectedVersion, actual);
                throw new ConcurrencyConflictException(write.Collection.ResourceType, write.Key, write.ExpectedVersion, actual);
            }
        }

        // The documents are written and their versions checked; now their index entries (the unique indexes decide).
        // Constraints of other kinds that documents must meet are checked here too, after the entries.
        await WriteIndexEntriesAsync(ordered, connection, transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the index entries of the documents a commit changed: first every changed document loses its entries, then
    /// the last write of each document adds its new ones (so two documents can swap unique values in one commit). An
    /// entry insert that meets an existing unique entry does nothing; that is a unique violation, and the transaction
    /// rolls back.
    /// </summary>
    private async Task WriteIndexEntriesAsync(IReadOnlyList<DocumentWrite> ordered, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>();
        var inserted = new List<(DocumentWrite Write, int Index)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var write = ordered[i];
            if (write.Collection.Indexes.Count == 0)
            {
                continue;
            }

            var first = i == 0 || ordered[i - 1].Collection != write.Collection || ordered[i - 1].Key != write.Key;
            var last = i == ordered.Count - 1 || ordered[i + 1].Collection != write.Collection || ordered[i + 1].Key != write.Key;
            if (first && (write.Kind != WriteKind.Insert || !last))
            {
                statements.Add(IndexEntries.DeleteDocument(Dialect, TenantId, write.Collection, write.Key));
            }

            if (last && write.Kind != WriteKind.Delete)
            {
                for (var e = 0; e < write.Entries.Length; e++)
                {
                    inserted.Add((write, e));
                }
            }
        }

        // Entries are inserted in one global order (collection, index, value), so two commits that insert the same unique
        // values wait on each other in the same order and never deadlock on PostgreSQL.
        if (inserted.Count > 1)
        {
            inserted.Sort((x, y) =>
            {
                var byCollection = string.CompareOrdinal(x.Write.Collection.Name, y.Write.Collection.Name);
                if (byCollection != 0)
                {
                    return byCollection;
                }

                var byIndex = string.CompareOrdinal(x.Write.Collection.Indexes[x.Index].Name, y.Write.Collection.Indexes[y.Index].Name);
                return byIndex != 0 ? byIndex : IndexKey.Compare(x.Write.Entries[x.Index].Key, y.Write.Entries[y.Index].Key);
            });
        }

        var deletes = statements.Count;
        foreach (var (write, e) in inserted)
        {
            statements.Add(IndexEntries.Insert(Dialect, TenantId, write.Collection, write.Collection.Indexes[e], write.Key, write.Entries[e]));
        }

        if (statements.Count == 0)
        {
            return;
        }

        var counts = await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        for (var i = deletes; i < counts.Length; i++)
        {
            if (counts[i] != 1)
            {
                var (write, e) = inserted[i - deletes];
                var index = write.Collection.Indexes[e];
                StorageLog.UniqueViolation(_runtime.Logger, TenantId.Value, write.Collection.Name, index.Name);
                throw new UniqueConstraintViolationException(write.Collection.Name, write.Collection.ResourceType, index.Name);
            }
        }
    }

    private Statement BuildDocumentStatement(DocumentWrite write, DateTimeOffset now)
    {
        var statement = Dialect.Statement(write.Kind switch
        {
            WriteKind.Insert => InsertDocumentSql,
            WriteKind.Update => UpdateDocumentSql,
            _ => DeleteDocumentSql,
        });
        statement.Text("@t", TenantId.Value).Text("@c", write.Collection.Name).Text("@k", write.Key);
        if (write.Kind == WriteKind.Delete)
        {
            return statement.Int64("@expected", write.ExpectedVersion);
        }

        statement.Int64("@v", write.ExpectedVersion + 1).Text("@d", write.Data);
        statement.Instant("@now", now);
        if (write.Kind == WriteKind.Update)
        {
            statement.Int64("@expected", write.ExpectedVersion);
        }

        return statement;
    }

    private async Task<long?> ReadVersionAsync(DocumentWrite write, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement("SELECT version FROM documents WHERE tenant_id = @t AND collection = @c AND document_key = @k")
            .Text("@t", TenantId.Value)
            .Text("@c", write.Collection.Name)
            .Text("@k", write.Key);
        await using var command = Dialect.Command(connection, transaction, statement);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WriteQueueAsync(StagedWork work, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var count = work.Changes.Count + work.Published.Count + work.Enqueued.Count + work.Completions.Count;
        if (count == 0)
        {
            return;
        }

        // Withdrawals and reschedules first (their counts do not matter), then the inserts, then the completions.
        var statements = ChangeStatements(work.Changes, now);
        var changed = statements.Count;
        var items = new List<QueueItem>(work.Published.Count + work.Enqueued.Count);
        foreach (var message in work.Published)
        {
            var item = message.ToQueueItem(TenantId, now);
            items.Add(item);
            statements.Add(InsertMessage(message, item, now));
        }

        items.AddRange(work.Enqueued);
        foreach (var item in work.Enqueued)
        {
            statements.Add(RowMapping.InsertQueueItem(Dialect, _runtime.Codec, item, now));
        }

        var completions = work.Completions.Count > 1 ? work.Completions.OrderBy(l => l.ItemId.ToString("D"), StringComparer.Ordinal).ToList() : work.Completions;
        foreach (var lease in completions)
        {
            statements.Add(Dialect.Statement(CompleteSql)
                .Instant("@now", now)
                .Text("@t", lease.TenantId.Value)
                .Uuid("@id", lease.ItemId)
                .Uuid("@token", lease.Token));
        }

        var counts = await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < changed; i++)
        {
            if (work.Changes[i].IsStrict && counts[i] != 1)
            {
                throw new LeaseLostException(work.Changes[i].Lease!);
            }
        }

        for (var i = changed; i < counts.Length; i++)
        {
            if (counts[i] == 1)
            {
                continue;
            }

            var index = i - changed;
            if (index < work.Published.Count && work.Published[index].Key is { } messageKey)
            {
                throw new ConcurrencyConflictException("OutboxMessage", messageKey, 0, null);
            }

            if (index < items.Count)
            {
                throw new ConcurrencyConflictException("QueueItem", items[index].Id.ToString("D"), 0, null);
            }

            throw new LeaseLostException(completions[index - items.Count]);
        }
    }

    private sealed record DocumentWrite(WriteKind Kind, DocumentCollection Collection, string Key, long ExpectedVersion, string? Data, IndexEntry[] Entries);

    private sealed record StagedWork(List<DocumentWrite> Documents, List<AuditEvent> Audit, List<QueueItem> Enqueued, List<OutboxMessage> Published, List<Lease> Completions)
    {
        public List<QueueChange> Changes { get; init; } = [];

        public bool IsEmpty => Documents.Count == 0 && Audit.Count == 0 && Enqueued.Count == 0 && Published.Count == 0 && Completions.Count == 0 && Changes.Count == 0;
    }
}
