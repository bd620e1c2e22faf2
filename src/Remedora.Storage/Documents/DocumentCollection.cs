using System.Text.RegularExpressions;

namespace Remedora.Storage;

/// <summary>
/// Describes a kind of document that storage keeps: its collection name, key, tenant, version, patient and
/// declared indexes. Packages contribute collections (<see cref="StorageModelBuilder"/>); providers store every
/// collection in the same tables (documents, and one index entry per document and declared index), so adding a package,
/// a collection or an index never needs a hand-written migration (see docs/storage.md).
/// </summary>
public abstract partial class DocumentCollection
{
    private readonly Dictionary<string, int> _indexPositions;

    private protected DocumentCollection(string name, string resourceType, Type documentType, IReadOnlyList<DocumentIndex> indexes, bool hasPatient, string? owner, bool assignsKeys)
    {
        Name = name;
        ResourceType = resourceType;
        DocumentType = documentType;
        Indexes = indexes;
        HasPatient = hasPatient;
        Owner = owner;
        AssignsKeys = assignsKeys;
        _indexPositions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < indexes.Count; i++)
        {
            _indexPositions.Add(indexes[i].Name, i);
        }
    }

    /// <summary>Gets the collection name, for example <c>patients</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the resource type used in errors, audit records and access requests, for example <c>Patient</c>.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the CLR type of the documents.</summary>
    public Type DocumentType { get; }

    /// <summary>Gets the declared indexes, in declaration order.</summary>
    public IReadOnlyList<DocumentIndex> Indexes { get; }

    /// <summary>Gets a value indicating whether documents are patient data (they name a patient).</summary>
    public bool HasPatient { get; }

    /// <summary>Gets the package whose commands are the only write path of this collection.</summary>
    /// <value>
    /// The package name, for example <c>Remedora.CarePaths</c>; <see langword="null"/> when the collection is not
    /// command-owned and <see cref="IRecords{T}"/> may write it. The default is <see langword="null"/>.
    /// </value>
    /// <remarks>
    /// <see cref="IRecords{T}"/> reads and searches an owned collection (access-checked, audited) but refuses to create,
    /// update or delete its records with <see cref="WriteNotPermittedException"/>, so no domain rule of the owning
    /// package can be bypassed. Declare it with <see cref="DocumentCollectionBuilder{T}.OwnedBy(string)"/>.
    /// </remarks>
    public string? Owner { get; }

    /// <summary>Gets a value indicating whether the collection is command-owned (<see cref="Owner"/> is set).</summary>
    public bool IsCommandOwned => Owner is not null;

    /// <summary>Gets a value indicating whether the SDK assigns a new record's key on create (see <see cref="DocumentCollectionBuilder{T}.NewKey(Func{T, T})"/>).</summary>
    /// <value><see langword="true"/> for collections keyed by an SDK-chosen id; <see langword="false"/> for natural keys (for example a tenant's id).</value>
    public bool AssignsKeys { get; }

    /// <summary>Gets an index by name.</summary>
    /// <param name="name">The index name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">The collection has no such index.</exception>
    public DocumentIndex GetIndex(string name)
        => Indexes[IndexPosition(name)];

    /// <summary>Gets the position of an index in <see cref="Indexes"/>.</summary>
    internal int IndexPosition(string name)
        => _indexPositions.TryGetValue(name, out var position)
            ? position
            : throw new ArgumentException($"Collection '{Name}' has no index named '{name}'. Its indexes are: {string.Join(", ", Indexes.Select(i => i.Name))}.", nameof(name));

    /// <summary>Gets a document's key, unique within its tenant and collection.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The key.</returns>
    public abstract string GetKey(object document);

    /// <summary>Gets a document's tenant.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The tenant.</returns>
    public abstract TenantId GetTenant(object document);

    /// <summary>Gets the version a document was read at (0 for a new document).</summary>
    /// <param name="document">The document.</param>
    /// <returns>The version.</returns>
    public abstract long GetVersion(object document);

    /// <summary>Returns a copy of a document carrying another version.</summary>
    /// <param name="document">The document.</param>
    /// <param name="version">The version.</param>
    /// <returns>The copy.</returns>
    public abstract object WithVersion(object document, long version);

    /// <summary>Gets the patient a document is about.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The patient, or <see langword="null"/> when the document is not patient data.</returns>
    public abstract Id<Patient>? GetPatient(object document);

    internal static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Collection name '{name}' is invalid: use 1 to 63 characters a-z, 0-9, '_', '.' or '-', starting with a letter.", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

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
