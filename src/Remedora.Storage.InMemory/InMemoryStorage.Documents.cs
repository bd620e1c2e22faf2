using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    private static readonly ImmutableSortedDictionary<string, StoredDocument> EmptyPartition = ImmutableSortedDictionary.Create<string, StoredDocument>(StringComparer.Ordinal);

    internal StoredDocument Encode(DocumentCollection collection, object document, long version)
    {
        var key = collection.GetKey(document);
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A {collection.ResourceType} needs a key; its key is empty.", nameof(document));
        }

        var entries = new IndexEntry[collection.Indexes.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var index = collection.Indexes[i];
            var values = index.Stored(collection, Codec, document);
            var complete = Array.TrueForAll(values, v => v is not null);
            entries[i] = new IndexEntry(IndexKey.Encode(values), complete, complete && index.IsUnique);
        }

        return new StoredDocument(key, version, Codec.Encode(collection, document), entries);
    }

    internal T? Find<T>(TenantId tenantId, string key)
        where T : class
    {
        var collection = Model.Get<T>();
        return State.Documents.TryGetValue(new PartitionKey(tenantId, collection.Name), out var partition) && partition.TryGetValue(key, out var stored)
            ? (T)Codec.Decode(collection, stored.Data)
            : null;
    }

    internal DocumentPage<T> Query<T>(TenantId tenantId, DocumentQuery<T> query)
        where T : class
    {
        var collection = Model.Get<T>();
        var plan = IndexQueryPlan.Create(collection, Codec, query.Conditions, query.OrderByIndex, query.ContinuationToken);
        var filter = BuildFilter(collection, plan);
        var order = plan.Order is { } orderIndex ? collection.IndexPosition(orderIndex.Name) : -1;
        var candidates = Partition(tenantId, collection.Name).Values.Where(filter);
        if (order >= 0)
        {
            candidates = candidates.Where(d => d.Entries[order].Complete);
        }

        var sorted = Sort(candidates, order, query.Descending);
        if (plan.AfterKey is { } afterKey)
        {
            sorted = sorted.Where(d => IsAfter(d, order, plan.AfterEntry, afterKey, query.Descending));
        }

        var page = sorted.Take(query.Limit + 1).ToList();
        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            var last = page[^1];
            next = ContinuationToken.Encode(order < 0 ? null : last.Entries[order].Key, last.Key);
        }

        return new DocumentPage<T>(page.Select(d => (T)Codec.Decode(collection, d.Data)).ToArray(), next);
    }

    internal long Count<T>(TenantId tenantId, DocumentQuery<T> query)
        where T : class
    {
        var collection = Model.Get<T>();
        var plan = IndexQueryPlan.Create(collection, Codec, query.Conditions, null, null, withPosition: false);
        return Partition(tenantId, collection.Name).Values.LongCount(BuildFilter(collection, plan));
    }

    private ImmutableSortedDictionary<string, StoredDocument> Partition(TenantId tenantId, string collection)
        => State.Documents.TryGetValue(new PartitionKey(tenantId, collection), out var partition) ? partition : EmptyPartition;

    private static Func<StoredDocument, bool> BuildFilter(DocumentCollection collection, IndexQueryPlan plan)
    {
        var ranges = plan.Ranges.Select(r => (Position: collection.IndexPosition(r.Index.Name), Range: r)).ToArray();
        return document =>
        {
            foreach (var (position, range) in ranges)
            {
                if (!range.Contains(document.Entries[position].Key))
                {
                    return false;
                }
            }

            return true;
        };
    }

    private static IEnumerable<StoredDocument> Sort(IEnumerable<StoredDocument> documents, int order, bool descending)
    {
        if (order < 0)
        {
            return descending ? documents.OrderByDescending(d => d.Key, StringComparer.Ordinal) : documents.OrderBy(d => d.Key, StringComparer.Ordinal);
        }

        return descending
            ? documents.OrderByDescending(d => d.Entries[order].Key, EntryComparer.Instance).ThenByDescending(d => d.Key, StringComparer.Ordinal)
            : documents.OrderBy(d => d.Entries[order].Key, EntryComparer.Instance).ThenBy(d => d.Key, StringComparer.Ordinal);
    }

    private static bool IsAfter(StoredDocument document, int order, byte[]? entry, string key, bool descending)
    {
        var comparison = order < 0 || entry is null ? 0 : IndexKey.Compare(document.Entries[order].Key, entry);
        if (comparison == 0)
        {
            comparison = string.CompareOrdinal(document.Key, key);
        }

        return descending ? comparison < 0 : comparison > 0;
    }

    /// <summary>
    /// Checks the unique indexes of the partitions a commit changed, as they will be after it: the commit gate is held,
    /// so no other commit can add a document in between.
    /// </summary>
    private static void CheckUniqueIndexes(
        ImmutableDictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>> documents,
        CommitBatch batch)
    {
        var checkedKeys = new HashSet<(string Collection, string Key)>();
        foreach (var write in batch.Writes)
        {
            if (write.Kind == WriteKind.Delete || !write.Collection.Indexes.Any(i => i.IsUnique) || !checkedKeys.Add((write.Collection.Name, write.Document.Key)))
            {
                continue;
            }

            if (!documents.TryGetValue(new PartitionKey(batch.TenantId, write.Collection.Name), out var partition) || !partition.TryGetValue(write.Document.Key, out var current))
            {
                continue;
            }

            for (var i = 0; i < current.Entries.Length; i++)
            {
                var entry = current.Entries[i];
                if (!entry.Unique)
                {
                    continue;
                }

                foreach (var other in partition.Values)
                {
                    if (other.Entries[i].Unique && !ReferenceEquals(other, current) && other.Entries[i].Key.AsSpan().SequenceEqual(entry.Key))
                    {
                        throw new UniqueConstraintViolationException(write.Collection.Name, write.Collection.ResourceType, write.Collection.Indexes[i].Name);
                    }
                }
            }
        }
    }

    private static ImmutableDictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>> ApplyDocuments(
        ImmutableDictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>> documents,
        CommitBatch batch)
    {
        if (batch.Writes.Count == 0)
        {
            return documents;
        }

        var touched = new Dictionary<PartitionKey, ImmutableSortedDictionary<string, StoredDocument>>();
        foreach (var write in batch.Writes)
        {
            var partitionKey = new PartitionKey(batch.TenantId, write.Collection.Name);
            if (!touched.TryGetValue(partitionKey, out var partition))
            {
                partition = documents.TryGetValue(partitionKey, out var existing) ? existing : EmptyPartition;
            }

            var key = write.Document.Key;
            var found = partition.TryGetValue(key, out var current);
            switch (write.Kind)
            {
                case WriteKind.Insert:
                    if (found)
                    {
                        throw new ConcurrencyConflictException(write.Collection.ResourceType, key, 0, null);
                    }

                    partition = partition.Add(key, write.Document);
                    break;
                case WriteKind.Update:
                    ThrowIfStale(write, current);
                    partition = partition.SetItem(key, write.Document);
                    break;
                default:
                    ThrowIfStale(write, current);
                    partition = partition.Remove(key);
                    break;
            }

            touched[partitionKey] = partition;
        }

        var next = documents.SetItems(touched);
        CheckUniqueIndexes(next, batch);
        return next;
    }

    private static void ThrowIfStale(StagedWrite write, StoredDocument? current)
    {
        if (current is null || current.Version != write.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(write.Collection.ResourceType, write.Document.Key, write.ExpectedVersion, current?.Version);
        }
    }
}
