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

        var indexes = new object?[IndexSlots.All.Count];
        foreach (var index in collection.Indexes)
        {
            indexes[(int)index.Slot] = Codec.EncodeIndexValue(collection, index, index.Extract(document));
        }

        return new StoredDocument(key, version, Codec.Encode(collection, document), indexes);
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
        var filter = BuildFilter(collection, query);
        var order = query.OrderByIndex is { } orderName ? collection.GetIndex(orderName) : null;
        var after = query.ContinuationToken is { } token ? ContinuationToken.Decode(token) : default((object? OrderValue, string Key)?);
        if (after is { } position && order is not null && position.OrderValue is null)
        {
            throw new ArgumentException("The continuation token is malformed: pass the token of a previous page of the same query unchanged.", nameof(query));
        }

        var candidates = Partition(tenantId, collection.Name).Values.Where(filter);
        if (order is not null)
        {
            var slot = (int)order.Slot;
            candidates = candidates.Where(d => d.Indexes[slot] is not null);
        }

        var sorted = Sort(candidates, order, query.Descending);
        if (after is { } start)
        {
            sorted = sorted.Where(d => IsAfter(d, order, start.OrderValue, start.Key, query.Descending));
        }

        var page = sorted.Take(query.Limit + 1).ToList();
        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            var last = page[^1];
            next = ContinuationToken.Encode(order is null ? null : last.Indexes[(int)order.Slot], last.Key);
        }

        return new DocumentPage<T>(page.Select(d => (T)Codec.Decode(collection, d.Data)).ToArray(), next);
    }

    internal long Count<T>(TenantId tenantId, DocumentQuery<T> query)
        where T : class
    {
        var collection = Model.Get<T>();
        var filter = BuildFilter(collection, query);
        return Partition(tenantId, collection.Name).Values.LongCount(filter);
    }

    private ImmutableSortedDictionary<string, StoredDocument> Partition(TenantId tenantId, string collection)
        => State.Documents.TryGetValue(new PartitionKey(tenantId, collection), out var partition) ? partition : EmptyPartition;

    private Func<StoredDocument, bool> BuildFilter<T>(DocumentCollection<T> collection, DocumentQuery<T> query)
        where T : class
    {
        var conditions = new List<(int Slot, QueryOperator Operator, object? Value)>(query.Conditions.Count);
        foreach (var condition in query.Conditions)
        {
            var index = collection.GetIndex(condition.Index);
            if (condition.Operator != QueryOperator.Equal && index.IsProtected)
            {
                throw new ArgumentException($"Index '{index.Name}' of collection '{collection.Name}' is protected: it supports equality conditions only, because its stored values are blind indexes.", nameof(query));
            }

            var value = Codec.EncodeIndexValue(collection, index, index.Normalize(condition.Value));
            if (condition.Operator != QueryOperator.Equal && value is null)
            {
                throw new ArgumentException($"A range condition on index '{index.Name}' needs a bound.", nameof(query));
            }

            conditions.Add(((int)index.Slot, condition.Operator, value));
        }

        return document =>
        {
            foreach (var (slot, op, value) in conditions)
            {
                var stored = document.Indexes[slot];
                var matches = op switch
                {
                    QueryOperator.Equal => value is null ? stored is null : stored is not null && IndexValues.Compare(stored, value) == 0,
                    QueryOperator.GreaterThanOrEqual => stored is not null && IndexValues.Compare(stored, value) >= 0,
                    QueryOperator.LessThan => stored is not null && IndexValues.Compare(stored, value) < 0,
                    _ => false,
                };
                if (!matches)
                {
                    return false;
                }
            }

            return true;
        };
    }

    private static IEnumerable<StoredDocument> Sort(IEnumerable<StoredDocument> documents, DocumentIndex? order, bool descending)
    {
        if (order is null)
        {
            return descending ? documents.OrderByDescending(d => d.Key, StringComparer.Ordinal) : documents.OrderBy(d => d.Key, StringComparer.Ordinal);
        }

        var slot = (int)order.Slot;
        return descending
            ? documents.OrderByDescending(d => d.Indexes[slot], IndexValues.Comparer).ThenByDescending(d => d.Key, StringComparer.Ordinal)
            : documents.OrderBy(d => d.Indexes[slot], IndexValues.Comparer).ThenBy(d => d.Key, StringComparer.Ordinal);
    }

    private static bool IsAfter(StoredDocument document, DocumentIndex? order, object? orderValue, string key, bool descending)
    {
        var comparison = order is null ? 0 : IndexValues.Compare(document.Indexes[(int)order.Slot]!, orderValue!);
        if (comparison == 0)
        {
            comparison = string.CompareOrdinal(document.Key, key);
        }

        return descending ? comparison < 0 : comparison > 0;
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

        return documents.SetItems(touched);
    }

    private static void ThrowIfStale(StagedWrite write, StoredDocument? current)
    {
        if (current is null || current.Version != write.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(write.Collection.ResourceType, write.Document.Key, write.ExpectedVersion, current?.Version);
        }
    }
}

/// <summary>Compares stored index values: text ordinally, numbers and instants by value.</summary>
internal static class IndexValues
{
    public static IComparer<object?> Comparer { get; } = Comparer<object?>.Create(Compare);

    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (long a, long b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
            (IComparable a, _) when a.GetType() == right.GetType() => a.CompareTo(right),
            _ => throw new ArgumentException($"A {right.GetType().Name} cannot be compared with a stored {left.GetType().Name} index value; query an index with values of its own kind."),
        };
    }
}
