namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    /// <summary>Applies a staged withdrawal or reschedule of the session's tenant; a finished or missing target is left as it is.</summary>
    private static StoreState ApplyChange(StoreState state, TenantId tenantId, QueueChange change, DateTimeOffset now)
    {
        if (change.Lease is { } lease)
        {
            var held = HeldItem(state, lease);
            return state.WithItem(held with
            {
                Item = held.Item with { Status = QueueItemStatus.Ready, AvailableAt = change.AvailableAt ?? now, LeaseExpiresAt = null },
                LeaseToken = null,
            });
        }

        var current = change.Kind is QueueChangeKind.WithdrawItem or QueueChangeKind.RescheduleItem or QueueChangeKind.AssignItem
            ? state.FindItem(new ItemKey(tenantId, change.ItemId))
            : FindPendingMessage(state, tenantId, change.MessageKey!);
        if (current is null || !current.IsUnfinished)
        {
            return state;
        }

        var item = current.Item;
        return change.Kind switch
        {
            QueueChangeKind.WithdrawItem or QueueChangeKind.WithdrawMessage
                => state.WithItem(current with { Item = Finish(item, QueueItemStatus.Cancelled, now), LeaseToken = null }),
            QueueChangeKind.RescheduleItem
                => state.WithItem(current with { Item = item with { AvailableAt = change.AvailableAt ?? item.AvailableAt, DueAt = change.DueAt ?? item.DueAt } }),
            QueueChangeKind.AssignItem when item.Status == QueueItemStatus.Leased && change.Assignee is { } assignee && item.LeaseOwner != assignee
                => state.WithItem(current with { Item = item with { AssignedTo = assignee, Status = QueueItemStatus.Ready, LeaseExpiresAt = null }, LeaseToken = null }),
            QueueChangeKind.AssignItem
                => state.WithItem(current with { Item = item with { AssignedTo = change.Assignee } }),
            _ => state.WithItem(current with
            {
                Item = item with { Status = QueueItemStatus.Ready, AvailableAt = change.AvailableAt!.Value, DueAt = change.DueAt!.Value, LeaseExpiresAt = null },
                LeaseToken = null,
            }),
        };
    }

    /// <summary>Finds the tenant's outbox message with a key that has not been handed to its handlers yet.</summary>
    private static StoredItem? FindPendingMessage(StoreState state, TenantId tenantId, string messageKey)
    {
        if (!state.Queues.TryGetValue(OutboxMessage.QueueName, out var messages))
        {
            return null;
        }

        foreach (var stored in messages.Values)
        {
            if (stored.IsUnfinished && stored.Item.TenantId == tenantId && string.Equals(stored.MessageKey, messageKey, StringComparison.Ordinal))
            {
                return stored;
            }
        }

        return null;
    }
}
