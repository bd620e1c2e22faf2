namespace Remedora.Storage;

/// <summary>
/// A query over one document collection, within the session's tenant: equality and range conditions on indexes,
/// an order and keyset paging. Instances are immutable; each method returns a new query.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
/// <remarks>
/// Results are ordered by the <see cref="OrderByIndex"/> (documents whose value in it is null are left out) and then
/// by key (ordinal text order); without an order index, by key. Continue with <see cref="After"/> and the page's
/// continuation token.
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

/// <summary>A condition on an index.</summary>
/// <param name="Index">The index name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value, before normalisation (see <see cref="DocumentIndex.Normalize(object?)"/>).</param>
public sealed record QueryCondition(string Index, QueryOperator Operator, object? Value);

/// <summary>A comparison in a <see cref="QueryCondition"/>.</summary>
public enum QueryOperator
{
    /// <summary>Equal (or both null).</summary>
    Equal = 0,

    /// <summary>Greater than or equal.</summary>
    GreaterThanOrEqual = 1,

    /// <summary>Less than.</summary>
    LessThan = 2,
}

/// <summary>A page of query results.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <param name="Items">The documents.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> when this is the last page.</param>
public sealed record DocumentPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
