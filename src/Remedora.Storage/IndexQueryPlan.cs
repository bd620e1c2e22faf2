namespace Remedora.Storage;

/// <summary>
/// A query turned into what every provider evaluates the same way: for each index a condition names, one range of
/// encoded entry keys (<see cref="IndexKey"/>), and the order index with its keyset position.
/// </summary>
internal sealed class IndexQueryPlan
{
    private IndexQueryPlan(IReadOnlyList<IndexRange> ranges, DocumentIndex? order, byte[]? afterEntry, string? afterKey)
    {
        Ranges = ranges;
        Order = order;
        AfterEntry = afterEntry;
        AfterKey = afterKey;
    }

    /// <summary>Gets one key range per index that conditions name; a document matches when each of its entries is in its index's range.</summary>
    public IReadOnlyList<IndexRange> Ranges { get; }

    /// <summary>Gets the order index, or <see langword="null"/> to order by key.</summary>
    public DocumentIndex? Order { get; }

    /// <summary>Gets the order entry of the last document of the previous page (with an order index and a token).</summary>
    public byte[]? AfterEntry { get; }

    /// <summary>Gets the key of the last document of the previous page, or <see langword="null"/> for the first page.</summary>
    public string? AfterKey { get; }

    /// <summary>Plans a query.</summary>
    /// <exception cref="ArgumentException">A condition names an unknown index, has a value of the wrong kind, ranges over a protected index, or the token is malformed.</exception>
    public static IndexQueryPlan Create(DocumentCollection collection, IDocumentCodec codec, IReadOnlyList<QueryCondition> conditions, string? orderBy, string? continuationToken, bool withPosition = true)
    {
        var ranges = new Dictionary<string, IndexRange>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            var index = collection.GetIndex(condition.Index);
            var range = RangeOf(collection, codec, index, condition);
            ranges[index.Name] = ranges.TryGetValue(index.Name, out var existing) ? existing.Intersect(range) : range;
        }

        var order = orderBy is null ? null : collection.GetIndex(orderBy);
        byte[]? afterEntry = null;
        string? afterKey = null;
        if (withPosition && continuationToken is not null)
        {
            var (value, key) = ContinuationToken.Decode(continuationToken);
            afterKey = key;
            if (order is not null)
            {
                afterEntry = value switch
                {
                    byte[] bytes => bytes,
                    string or long or DateTimeOffset when !order.IsComposite && KindMatches(order.Kinds[0], value) => IndexKey.Encode([value]),
                    _ => throw new ArgumentException("The continuation token does not belong to this query: pass the token of a previous page of the same query unchanged.", nameof(continuationToken)),
                };
            }
        }

        return new IndexQueryPlan([.. ranges.Values], order, afterEntry, afterKey);
    }

    private static bool KindMatches(IndexFieldKind kind, object value) => kind switch
    {
        IndexFieldKind.Text => value is string,
        IndexFieldKind.Number => value is long,
        _ => value is DateTimeOffset,
    };

    private static IndexRange RangeOf(DocumentCollection collection, IDocumentCodec codec, DocumentIndex index, QueryCondition condition)
    {
        var field = condition.Prefix.Count;
        if (field >= index.Kinds.Count)
        {
            throw new ArgumentException($"Index '{index.Name}' of collection '{collection.Name}' has {index.Kinds.Count} field(s); the condition names {field + 1}.", nameof(condition));
        }

        if (condition.Operator != QueryOperator.Equal && index.IsProtected)
        {
            throw new ArgumentException($"Index '{index.Name}' of collection '{collection.Name}' is protected: it supports equality conditions only, because its stored values are blind indexes.", nameof(condition));
        }

        var prefix = new object?[field];
        for (var i = 0; i < field; i++)
        {
            prefix[i] = codec.EncodeIndexValue(collection, index, index.Normalize(i, condition.Prefix[i]));
        }

        var value = codec.EncodeIndexValue(collection, index, index.Normalize(field, condition.Value));
        if (condition.Operator != QueryOperator.Equal && value is null)
        {
            throw new ArgumentException($"A range condition on index '{index.Name}' needs a bound.", nameof(condition));
        }

        var prefixKey = IndexKey.Encode(prefix);
        switch (condition.Operator)
        {
            case QueryOperator.Equal:
                var exact = IndexKey.Encode(prefix, value);
                return new IndexRange(index, exact, IndexKey.Successor(exact));
            case QueryOperator.GreaterThanOrEqual:
                return new IndexRange(index, IndexKey.Encode(prefix, value), field == 0 ? null : IndexKey.Successor(prefixKey));
            case QueryOperator.LessThan:
                return new IndexRange(index, IndexKey.LowestNonNull(prefix, index.Kinds[field]), IndexKey.Encode(prefix, value));
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, "Unknown query operator.");
        }
    }
}
