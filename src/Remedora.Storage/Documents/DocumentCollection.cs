using System.Text.RegularExpressions;

namespace Remedora.Storage;

/// <summary>
/// Describes a kind of document that storage keeps: its collection name, key, tenant, version, patient and
/// queryable indexes. Packages contribute collections (<see cref="StorageModelBuilder"/>); providers store every
/// collection in the same fixed schema, so adding a package never changes a provider.
/// </summary>
public abstract partial class DocumentCollection
{
    private readonly Dictionary<string, DocumentIndex> _indexesByName;

    private protected DocumentCollection(string name, string resourceType, Type documentType, IReadOnlyList<DocumentIndex> indexes, bool hasPatient)
    {
        Name = name;
        ResourceType = resourceType;
        DocumentType = documentType;
        Indexes = indexes;
        HasPatient = hasPatient;
        _indexesByName = indexes.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the collection name, for example <c>patients</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the resource type used in errors, audit records and access requests, for example <c>Patient</c>.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the CLR type of the documents.</summary>
    public Type DocumentType { get; }

    /// <summary>Gets the queryable indexes.</summary>
    public IReadOnlyList<DocumentIndex> Indexes { get; }

    /// <summary>Gets a value indicating whether documents are patient data (they name a patient).</summary>
    public bool HasPatient { get; }

    /// <summary>Gets an index by name.</summary>
    /// <param name="name">The index name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">The collection has no such index.</exception>
    public DocumentIndex GetIndex(string name)
        => _indexesByName.TryGetValue(name, out var index)
            ? index
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
public sealed class DocumentCollection<T> : DocumentCollection
    where T : class
{
    private readonly Func<T, string> _key;
    private readonly Func<T, TenantId> _tenant;
    private readonly Func<T, long> _version;
    private readonly Func<T, long, T> _withVersion;
    private readonly Func<T, Id<Patient>?>? _patient;

    internal DocumentCollection(
        string name,
        string resourceType,
        Func<T, string> key,
        Func<T, TenantId> tenant,
        Func<T, long> version,
        Func<T, long, T> withVersion,
        Func<T, Id<Patient>?>? patient,
        IReadOnlyList<DocumentIndex> indexes)
        : base(name, resourceType, typeof(T), indexes, patient is not null)
    {
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
