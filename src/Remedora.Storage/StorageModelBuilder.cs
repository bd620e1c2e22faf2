namespace Remedora.Storage;

/// <summary>Collects the document collections contributed by packages.</summary>
public sealed class StorageModelBuilder
{
    private readonly List<DocumentCollection> _collections = [];

    /// <summary>Adds a collection.</summary>
    /// <param name="collection">The collection.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">A collection with the same name or document type was already added.</exception>
    public StorageModelBuilder Add(DocumentCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (_collections.Any(c => c.Name == collection.Name))
        {
            throw new InvalidOperationException($"Two packages contribute a document collection named '{collection.Name}'. Collection names must be unique; prefix them with the package, for example 'intake.submissions'.");
        }

        if (_collections.Any(c => c.DocumentType == collection.DocumentType))
        {
            throw new InvalidOperationException($"Document type {collection.DocumentType.Name} is contributed twice (as '{_collections.First(c => c.DocumentType == collection.DocumentType).Name}' and '{collection.Name}'). A type belongs to one collection.");
        }

        _collections.Add(collection);
        return this;
    }

    /// <summary>Builds the model.</summary>
    /// <returns>The model.</returns>
    public StorageModel Build() => new(_collections.ToArray());
}
