namespace Remedora.Storage;

/// <summary>Describes a kind of document of type <typeparamref name="T"/>. Create one with <see cref="DocumentCollectionBuilder{T}"/>.</summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed partial class DocumentCollection<T> : DocumentCollection
    where T : class
{
    private readonly Func<T, string> _key;
    private readonly Func<T, TenantId> _tenant;
    private readonly Func<T, long> _version;
    private readonly Func<T, long, T> _withVersion;
    private readonly Func<T, Id<Patient>?>? _patient;
    private readonly Func<T, T>? _newKey;
    private readonly Func<T, bool> _hasKey;

    internal DocumentCollection(
        string name,
        string resourceType,
        Func<T, string> key,
        Func<T, TenantId> tenant,
        Func<T, long> version,
        Func<T, long, T> withVersion,
        Func<T, Id<Patient>?>? patient,
        IReadOnlyList<DocumentIndex> indexes,
        string? owner,
        Func<T, T>? newKey,
        Func<T, bool> hasKey)
        : base(name, resourceType, typeof(T), indexes, patient is not null, owner, newKey is not null)
    {
        _newKey = newKey;
        _hasKey = hasKey;
        _key = key;
        _tenant = tenant;
        _version = version;
        _withVersion = withVersion;
        _patient = patient;
    }

    /// <summary>Gets a document's key.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The key.</returns>
    public string KeyOf(T document) => _key(document);

    /// <summary>Gets a document's tenant.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The tenant.</returns>
    public TenantId TenantOf(T document) => _tenant(document);

    /// <summary>Gets a document's version.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The version.</returns>
    public long VersionOf(T document) => _version(document);

    /// <summary>Returns a copy of a document carrying another version.</summary>
    /// <param name="document">The document.</param>
    /// <param name="version">The version.</param>
    /// <returns>The copy.</returns>
    public T WithVersion(T document, long version) => _withVersion(document, version);

    /// <summary>Gets the patient a document is about.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The patient, or <see langword="null"/>.</returns>
    public Id<Patient>? PatientOf(T document) => _patient?.Invoke(document);

    /// <summary>Determines whether a document carries a key (a non-empty id or a non-empty text key).</summary>
    /// <param name="document">The document.</param>
    /// <returns><see langword="false"/> when its id is empty (the <see langword="default"/> <see cref="Id{T}"/>) or its text key is empty.</returns>
    public bool HasKey(T document) => _hasKey(document);

    /// <summary>Returns a copy of a new document carrying a fresh key chosen by the SDK.</summary>
    /// <param name="document">The new document, without a key.</param>
    /// <returns>The copy with its new key.</returns>
    /// <exception cref="InvalidOperationException">The collection does not assign keys (<see cref="DocumentCollection.AssignsKeys"/> is <see langword="false"/>).</exception>
    public T WithNewKey(T document)
        => _newKey is null
            ? throw new InvalidOperationException($"Collection '{Name}' has natural keys; the SDK does not assign them.")
            : _newKey(document);

    /// <inheritdoc/>
    public override string GetKey(object document) => KeyOf(Cast(document));

    /// <inheritdoc/>
    public override TenantId GetTenant(object document) => TenantOf(Cast(document));

    /// <inheritdoc/>
    public override long GetVersion(object document) => VersionOf(Cast(document));

    /// <inheritdoc/>
    public override object WithVersion(object document, long version) => WithVersion(Cast(document), version);

    /// <inheritdoc/>
    public override Id<Patient>? GetPatient(object document) => PatientOf(Cast(document));

    private T Cast(object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document as T ?? throw new ArgumentException($"Collection '{Name}' holds {typeof(T).Name} documents, not {document.GetType().Name}.", nameof(document));
    }
}
