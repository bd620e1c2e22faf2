namespace Remedora.Storage;

/// <summary>
/// A query over one document collection, within the session's tenant: equality and range conditions on declared
/// indexes (named by their typed <see cref="DocumentIndex{TDocument}"/> handles, or by name), an order and keyset
/// paging. Instances are immutable; each method returns a new query.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
/// <remarks>
/// Results are ordered by the <see cref="OrderByIndex"/> (field by field for a composite index; documents with a null
/// in any of its fields are left out) and then by key (ordinal text order); without an order index, by key. Continue
/// with <see cref="After"/> and the page's continuation token. A condition on a composite index is an equality on its
/// first fields and, optionally, a range on the next one.
/// </remarks>
public sealed class DocumentQuery<T>
    where T : class
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 1000;

    private DocumentQuery(IReadOnlyList<QueryCondition> conditions, string? orderBy, bool descending, int limit, string? continuationToken)
    {
        Conditions = conditions;
        OrderByIndex = orderBy;
        Descending = descending;
        Limit = limit;
        ContinuationToken = continuationToken;
    }

    /// <summary>Gets a query for every document of the collection (in the session's tenant).</summary>
    public static DocumentQuery<T> All { get; } = new([], null, false, DefaultLimit, null);

    /// <summary>Gets the conditions, all of which must hold.</summary>
    public IReadOnlyList<QueryCondition> Conditions { get; }

    /// <summary>Gets the index that orders the results.</summary>
    /// <value>The index name; <see langword="null"/> to order by key.</value>
    public string? OrderByIndex { get; }

    /// <summary>Gets a value indicating whether the order is descending.</summary>
    public bool Descending { get; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is <see cref="DefaultLimit"/>.</value>
    public int Limit { get; }

    /// <summary>Gets the continuation token of the previous page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>Adds an equality condition.</summary>
    /// <param name="index">The index name.</param>
    /// <param name="value">The value; <see langword="null"/> matches documents without a value.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> Where(string index, object? value) => With(new QueryCondition(index, QueryOperator.Equal, value));

    /// <summary>Adds a range condition: <paramref name="from"/> inclusive, <paramref name="to"/> exclusive.</summary>
    /// <param name="index">The index name.</param>
    /// <param name="from">The lower bound, or <see langword="null"/> for none.</param>
    /// <param name="to">The upper bound, or <see langword="null"/> for none.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> WhereBetween(string index, object? from, object? to)
    {
        var query = this;
        if (from is not null)
        {
            query = query.With(new QueryCondition(index, QueryOperator.GreaterThanOrEqual, from));
        }

        if (to is not null)
        {
            query = query.With(new QueryCondition(index, QueryOperator.LessThan, to));
        }

        return query;
    }

    /// <summary>Adds an equality condition on a declared index.</summary>
    /// <typeparam name="TValue">The index's value type.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="value">The value; <see langword="null"/> matches documents without a value.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> Where<TValue>(DocumentIndex<T, TValue> index, TValue value)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Where(index.Name, value);
    }

    /// <summary>Adds a range condition on a declared index: <paramref name="from"/> inclusive, <paramref name="to"/> exclusive.</summary>
    /// <typeparam name="TValue">The index's value type.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="from">The lower bound (a <see langword="null"/> value means none).</param>
    /// <param name="to">The upper bound (a <see langword="null"/> value means none).</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> WhereBetween<TValue>(DocumentIndex<T, TValue> index, TValue from, TValue to)
    {
        ArgumentNullException.ThrowIfNull(index);
        return WhereBetween(index.Name, from, to);
    }

    /// <summary>Adds a condition that a declared index's value is at least <paramref name="from"/>.</summary>
    /// <typeparam name="TValue">The index's value type.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="from">The inclusive lower bound.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> WhereAtLeast<TValue>(DocumentIndex<T, TValue> index, TValue from)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(from);
        return With(new QueryCondition(index.Name, QueryOperator.GreaterThanOrEqual, from));
    }

    /// <summary>Adds a condition that a declared index's value is below <paramref name="to"/>.</summary>
    /// <typeparam name="TValue">The index's value type.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="to">The exclusive upper bound.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> WhereBelow<TValue>(DocumentIndex<T, TValue> index, TValue to)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(to);
        return With(new QueryCondition(index.Name, QueryOperator.LessThan, to));
    }

    /// <summary>Adds an equality condition on the first field of a composite index.</summary>
    /// <typeparam name="T1">The type of the first field.</typeparam>
    /// <typeparam name="T2">The type of the second field.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="first">The first field's value; <see langword="null"/> matches documents without one.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> Where<T1, T2>(CompositeIndex<T, T1, T2> index, T1 first)
    {
        ArgumentNullException.ThrowIfNull(index);
        return With(new QueryCondition(index.Name, QueryOperator.Equal, first));
    }

    /// <summary>Adds an equality condition on both fields of a composite index.</summary>
    /// <typeparam name="T1">The type of the first field.</typeparam>
    /// <typeparam name="T2">The type of the second field.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="first">The first field's value.</param>
    /// <param name="second">The second field's value.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> Where<T1, T2>(CompositeIndex<T, T1, T2> index, T1 first, T2 second)
    {
        ArgumentNullException.ThrowIfNull(index);
        return With(new QueryCondition(index.Name, QueryOperator.Equal, second) { Prefix = [first] });
    }

    /// <summary>
    /// Adds a condition on a composite index: the first field equals <paramref name="first"/> and the second is from
    /// <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).
    /// </summary>
    /// <typeparam name="T1">The type of the first field.</typeparam>
    /// <typeparam name="T2">The type of the second field.</typeparam>
    /// <param name="index">The index.</param>
    /// <param name="first">The first field's value.</param>
    /// <param name="from">The second field's lower bound (a <see langword="null"/> value means none).</param>
    /// <param name="to">The second field's upper bound (a <see langword="null"/> value means none).</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> WhereBetween<T1, T2>(CompositeIndex<T, T1, T2> index, T1 first, T2 from, T2 to)
    {
        ArgumentNullException.ThrowIfNull(index);
        var query = With(new QueryCondition(index.Name, QueryOperator.Equal, first));
        if (from is not null)
        {
            query = query.With(new QueryCondition(index.Name, QueryOperator.GreaterThanOrEqual, from) { Prefix = [first] });
        }

        if (to is not null)
        {
            query = query.With(new QueryCondition(index.Name, QueryOperator.LessThan, to) { Prefix = [first] });
        }

        return query;
    }

    /// <summary>Orders the results by a declared index (field by field for a composite index), then by key.</summary>
    /// <param name="index">The index.</param>
    /// <param name="descending">Whether to order from the highest value.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> OrderBy(DocumentIndex<T> index, bool descending = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        return OrderBy(index.Name, descending);
    }

    /// <summary>Orders the results by an index.</summary>
    /// <param name="index">The index name.</param>
    /// <param name="descending">Whether to order from the highest value.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> OrderBy(string index, bool descending = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(index);
        return new(Conditions, index, descending, Limit, ContinuationToken);
    }

    /// <summary>Sets the page size.</summary>
    /// <param name="limit">From 1 to <see cref="MaxLimit"/>.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> Take(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        return new(Conditions, OrderByIndex, Descending, limit, ContinuationToken);
    }

    /// <summary>Continues after the page that returned <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    /// <returns>The new query.</returns>
    public DocumentQuery<T> After(string? continuationToken) => new(Conditions, OrderByIndex, Descending, Limit, continuationToken);

    private DocumentQuery<T> With(QueryCondition condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(condition.Index);
        return new([.. Conditions, condition], OrderByIndex, Descending, Limit, ContinuationToken);
    }
}
