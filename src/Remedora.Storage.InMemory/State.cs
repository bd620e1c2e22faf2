using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

/// <summary>The documents of one collection in one tenant.</summary>
internal readonly record struct PartitionKey(TenantId Tenant, string Collection);

/// <summary>A queue item's identity: tenant first, as in every provider.</summary>
internal readonly record struct ItemKey(TenantId Tenant, Guid Id);

/// <summary>A document as stored: the codec's text, the version and one entry per declared index (in the collection's index order).</summary>
internal sealed record StoredDocument(string Key, long Version, string Data, IndexEntry[] Entries);

/// <summary>A document's entry in one index: the encoded key, whether every field has a value, and whether the unique constraint applies to it.</summary>
internal readonly record struct IndexEntry(byte[] Key, bool Complete, bool Unique);

/// <summary>
/// A queue item as stored, with the token of its current lease (which the item itself does not expose) and, for an
/// outbox message published with a key, that key.
/// </summary>
internal sealed record StoredItem(QueueItem Item, Guid? LeaseToken, string IdText, string? MessageKey = null)
{
    public static StoredItem From(QueueItem item, string? messageKey = null) => new(item, null, item.Id.ToString(), messageKey);

    public bool IsUnfinished => Item.Status is QueueItemStatus.Ready or QueueItemStatus.Leased;
}

/// <summary>
/// One tenant's audit log: the integrated chain, the backlog of committed records not yet integrated, the stored
/// Merkle tree nodes and the integration lease.
/// </summary>
internal sealed record TenantAuditLog(ImmutableList<AuditRecord> Records, AuditChainHead Head)
{
    public static TenantAuditLog Empty { get; } = new([], new AuditChainHead(0, AuditChain.GenesisHash));

    public ImmutableList<PendingAuditRecord> Pending { get; init; } = [];

    public ImmutableDictionary<Remedora.Storage.AuditTreeNode, byte[]> Nodes { get; init; } = ImmutableDictionary<Remedora.Storage.AuditTreeNode, byte[]>.Empty;

    public string? LeaseHolder { get; init; }

    public DateTimeOffset LeaseExpiresAt { get; init; }
}

/// <summary>A committed audit event (encoded by the codec) waiting for integration.</summary>
internal sealed record PendingAuditRecord(AuditEvent Event, DateTimeOffset CommittedAt);

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
