namespace Remedora.Storage;

/// <summary>
/// Contributes document collections to the storage model. Each package registers one (through its
/// <c>Add…</c> registration); providers compose all of them into one <see cref="StorageModel"/>.
/// </summary>
public interface IStorageModelContributor
{
    /// <summary>Adds the package's collections.</summary>
    /// <param name="model">The model being built.</param>
    void Contribute(StorageModelBuilder model);
}

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

/// <summary>Every document collection known to this application, composed from the packages' contributions.</summary>
public sealed class StorageModel
{
    private readonly Dictionary<Type, DocumentCollection> _byType;
    private readonly Dictionary<string, DocumentCollection> _byName;

    /// <summary>Initializes a new instance of the <see cref="StorageModel"/> class.</summary>
    /// <param name="collections">The collections.</param>
    public StorageModel(IReadOnlyList<DocumentCollection> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        Collections = collections;
        _byType = collections.ToDictionary(c => c.DocumentType);
        _byName = collections.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the collections.</summary>
    public IReadOnlyList<DocumentCollection> Collections { get; }

    /// <summary>Creates the model from contributors, for use without a container.</summary>
    /// <param name="contributors">The contributors.</param>
    /// <returns>The model.</returns>
    public static StorageModel Create(IEnumerable<IStorageModelContributor> contributors)
    {
        ArgumentNullException.ThrowIfNull(contributors);
        var builder = new StorageModelBuilder();
        foreach (var contributor in contributors)
        {
            contributor.Contribute(builder);
        }

        return builder.Build();
    }

    /// <summary>Gets the collection of a document type.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <returns>The collection.</returns>
    /// <exception cref="InvalidOperationException">No package contributed a collection for <typeparamref name="T"/>.</exception>
    public DocumentCollection<T> Get<T>()
        where T : class
        => (DocumentCollection<T>)Get(typeof(T));

    /// <summary>Gets the collection of a document type.</summary>
    /// <param name="documentType">The document type.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="InvalidOperationException">No package contributed a collection for the type.</exception>
    public DocumentCollection Get(Type documentType)
    {
        ArgumentNullException.ThrowIfNull(documentType);
        return _byType.TryGetValue(documentType, out var collection)
            ? collection
            : throw new InvalidOperationException($"No document collection is registered for {documentType.Name}. Register the package that stores it (for example AddIntake()) or contribute a collection with AddDocumentCollection.");
    }

    /// <summary>Gets a collection by name.</summary>
    /// <param name="name">The collection name.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="InvalidOperationException">No such collection is registered.</exception>
    public DocumentCollection Get(string name)
        => _byName.TryGetValue(name, out var collection)
            ? collection
            : throw new InvalidOperationException($"No document collection named '{name}' is registered.");
}
