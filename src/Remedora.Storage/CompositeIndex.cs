namespace Remedora.Storage;

/// <summary>
/// A declared index of <typeparamref name="TDocument"/> documents on two fields, in key order: query it by equality on
/// the first field, by equality on both, or by equality on the first and a range on the second, ordered by both.
/// </summary>
/// <typeparam name="TDocument">The document type.</typeparam>
/// <typeparam name="T1">The type of the first field.</typeparam>
/// <typeparam name="T2">The type of the second field.</typeparam>
/// <example>
/// <code>
/// var byPractitionerAndStart = new CompositeIndex&lt;Booking, Id&lt;Practitioner&gt;, DateTimeOffset&gt;("practitioner-start", b => b.PractitionerId, b => b.StartsAt);
/// var page = await session.QueryAsync(DocumentQuery&lt;Booking&gt;.All.WhereBetween(byPractitionerAndStart, practitionerId, from, to).OrderBy(byPractitionerAndStart));
/// </code>
/// </example>
public sealed class CompositeIndex<TDocument, T1, T2> : DocumentIndex<TDocument>
    where TDocument : class
{
    private readonly Func<TDocument, T1> _first;
    private readonly Func<TDocument, T2> _second;

    /// <summary>Initializes a new instance of the <see cref="CompositeIndex{TDocument, T1, T2}"/> class.</summary>
    /// <param name="name">The index name: 1 to 63 characters a-z, A-Z, 0-9, '_', '.' or '-', starting with a letter.</param>
    /// <param name="first">Gets a document's first field.</param>
    /// <param name="second">Gets a document's second field.</param>
    /// <param name="options">Whether the pair of values is unique within the tenant (<see cref="IndexOptions.Protected"/> is not supported on composite indexes).</param>
    /// <exception cref="ArgumentException">The name is invalid, or <paramref name="options"/> asks for protection.</exception>
    public CompositeIndex(string name, Func<TDocument, T1> first, Func<TDocument, T2> second, IndexOptions options = IndexOptions.None)
        : base(name, [typeof(T1), typeof(T2)], options)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        _first = first;
        _second = second;
    }

    private protected override object?[] Extract(TDocument document) => [Normalize(0, _first(document)), Normalize(1, _second(document))];
}
