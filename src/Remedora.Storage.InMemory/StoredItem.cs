namespace Remedora.Storage.InMemory;

/// <summary>
/// A queue item as stored, with the token of its current lease (which the item itself does not expose) and, for an
/// outbox message published with a key, that key.
/// </summary>
internal sealed record StoredItem(QueueItem Item, Guid? LeaseToken, string IdText, string? MessageKey = null)
{
    public static StoredItem From(QueueItem item, string? messageKey = null) => new(item, null, item.Id.ToString(), messageKey);

    public bool IsUnfinished => Item.Status is QueueItemStatus.Ready or QueueItemStatus.Leased;
}
