namespace Remedora.Storage;

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
