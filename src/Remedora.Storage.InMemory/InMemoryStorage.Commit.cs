namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    /// <summary>
    /// Applies a unit of work: documents, then audit records, then outbox messages, queue items and lease completions,
    /// running the interceptors after each step. The new state is published only after the last step, so a failure
    /// anywhere leaves nothing visible.
    /// </summary>
    internal async Task CommitAsync(CommitBatch batch, CancellationToken cancellationToken)
    {
        // Commits run one at a time, so documents and audit chains (which only commits change) cannot move under one.
        // Queue operations can, so the queue writes are checked before the last interceptors run and applied again,
        // against the current queues, when the new state is published.
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = State;
            var now = Now();

            var documents = ApplyDocuments(snapshot.Documents, batch);
            await RunInterceptorsAsync(batch.TenantId, CommitStep.Documents, cancellationToken).ConfigureAwait(false);

            var pending = EncodeAudit(batch, Codec, now);
            await RunInterceptorsAsync(batch.TenantId, CommitStep.Audit, cancellationToken).ConfigureAwait(false);

            _ = ApplyQueueWrites(snapshot, batch, now);
            await RunInterceptorsAsync(batch.TenantId, CommitStep.Outbox, cancellationToken).ConfigureAwait(false);

            cancellationToken.ThrowIfCancellationRequested();
            lock (_writeGate)
            {
                var next = ApplyQueueWrites(_state with { Documents = documents, Audit = AddToBacklog(_state.Audit, batch.TenantId, pending) }, batch, now);
                ApplyTimeRanges(batch);
                Volatile.Write(ref _state, next);
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    private static StoreState ApplyQueueWrites(StoreState state, CommitBatch batch, DateTimeOffset now)
    {
        foreach (var change in batch.Changes)
        {
            state = ApplyChange(state, batch.TenantId, change, now);
        }

        var added = new HashSet<ItemKey>();
        foreach (var message in batch.Messages)
        {
            if (message.Key is { } messageKey && FindPendingMessage(state, batch.TenantId, messageKey) is not null)
            {
                throw new ConcurrencyConflictException("OutboxMessage", messageKey, 0, null);
            }

            state = AddItem(state, message.ToQueueItem(batch.TenantId, now), now, added, message.Key);
        }

        foreach (var item in batch.Items)
        {
            state = AddItem(state, item, now, added);
        }

        foreach (var lease in batch.Completions)
        {
            var current = HeldItem(state, lease);
            state = state.WithItem(current with { Item = Finish(current.Item, QueueItemStatus.Completed, now), LeaseToken = null });
        }

        return state;
    }

    private static StoreState AddItem(StoreState state, QueueItem item, DateTimeOffset now, HashSet<ItemKey> added, string? messageKey = null)
    {
        var key = new ItemKey(item.TenantId, item.Id);
        if (!added.Add(key) || state.ItemQueues.ContainsKey(key))
        {
            throw new ConcurrencyConflictException("QueueItem", item.Id.ToString(), 0, null);
        }

        var stored = item with
        {
            DueAt = StorageTime.Normalize(item.DueAt),
            AvailableAt = StorageTime.Normalize(item.AvailableAt),
            Status = QueueItemStatus.Ready,
            Attempts = 0,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            LastError = null,
            CreatedAt = now,
            FinishedAt = null,
        };
        return state.WithItem(StoredItem.From(stored, messageKey));
    }

    private async ValueTask RunInterceptorsAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
    {
        foreach (var interceptor in _interceptors)
        {
            await interceptor.AfterStepAsync(tenantId, step, cancellationToken).ConfigureAwait(false);
        }
    }
}
