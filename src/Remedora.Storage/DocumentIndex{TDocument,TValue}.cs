namespace Remedora.Storage;

/// <summary>
/// A declared single-field index of <typeparamref name="TDocument"/> documents, typed by its value. Keep the instance
/// (for example in a static property next to the collection), add it to the collection with
/// <see cref="DocumentCollectionBuilder{T}.Index(DocumentIndex{T})"/> and query with it:
/// <c>DocumentQuery&lt;Patient&gt;.All.Where(PatientIndexes.Email, "a@example.org")</c>.
/// </summary>
/// <typeparam name="TDocument">The document type.</typeparam>
/// <typeparam name="TValue">The value type: text-like values (strings, ids, enums), integers, or <see cref="DateTimeOffset"/>.</typeparam>
public sealed class DocumentIndex<TDocument, TValue> : DocumentIndex<TDocument>
    where TDocument : class
{
    private readonly Func<TDocument, TValue> _value;

    /// <summary>Initializes a new instance of the <see cref="DocumentIndex{TDocument, TValue}"/> class.</summary>
    /// <param name="name">The index name: 1 to 63 characters a-z, A-Z, 0-9, '_', '.' or '-', starting with a letter.</param>
    /// <param name="value">Gets a document's value.</param>
    /// <param name="options">Whether the index is unique within the tenant and whether its value is PHI.</param>
    /// <exception cref="ArgumentException">The name is invalid, or a protected index is not text.</exception>
    public DocumentIndex(string name, Func<TDocument, TValue> value, IndexOptions options = IndexOptions.None)
        : base(name, [typeof(TValue)], options)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    private protected override object?[] Extract(TDocument document) => [Normalize(0, _value(document))];
}
