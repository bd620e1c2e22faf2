namespace Remedora.Storage;

/// <summary>A declared index of documents of type <typeparamref name="TDocument"/>; queries accept only indexes of their own document type.</summary>
/// <typeparam name="TDocument">The document type.</typeparam>
public abstract class DocumentIndex<TDocument> : DocumentIndex
    where TDocument : class
{
    private protected DocumentIndex(string name, IReadOnlyList<Type> valueTypes, IndexOptions options)
        : base(name, typeof(TDocument), valueTypes, options)
    {
    }

    /// <inheritdoc/>
    internal sealed override object?[] Extract(object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Extract(document as TDocument ?? throw new ArgumentException($"Index '{Name}' belongs to {typeof(TDocument).Name} documents, not {document.GetType().Name}.", nameof(document)));
    }

    private protected abstract object?[] Extract(TDocument document);
}
