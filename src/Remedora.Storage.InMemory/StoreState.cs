using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

/// <summary>
/// Everything the provider holds, as one immutable value. Readers take the current value without locking; writers
/// build the next value under the write lock and publish it in one step, so a failed unit of work leaves nothing
/// visible and a reader never sees half of a commit.
/// </summary>
internal sealed record StoreState(
    ImmutableDictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>> Documents,
    ImmutableDictionary<TenantId, TenantAuditLog> Audit,
    ImmutableDictionary<string, ImmutableDictionary<ItemKey, StoredItem>> Queues,
    ImmutableDictionary<ItemKey, string> ItemQueues)
{
    public static StoreState Empty { get; } = new(
        ImmutableDictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>>.Empty,
        ImmutableDictionary<TenantId, TenantAuditLog>.Empty,
        ImmutableDictionary.Create<string, ImmutableDictionary<ItemKey, StoredItem>>(StringComparer.Ordinal),
        ImmutableDictionary<ItemKey, string>.Empty);

    public StoredItem? FindItem(ItemKey key)
        => ItemQueues.TryGetValue(key, out var queue) && Queues.TryGetValue(queue, out var items) && items.TryGetValue(key, out var item) ? item : null;

    public StoreState WithItem(StoredItem item)
    {
        var key = new ItemKey(item.Item.TenantId, item.Item.Id);
        var queue = item.Item.Queue;
        var items = Queues.TryGetValue(queue, out var existing) ? existing : ImmutableDictionary<ItemKey, StoredItem>.Empty;
        return this with
        {
            Queues = Queues.SetItem(queue, items.SetItem(key, item)),
            ItemQueues = ItemQueues.ContainsKey(key) ? ItemQueues : ItemQueues.Add(key, queue),
        };
    }
}
