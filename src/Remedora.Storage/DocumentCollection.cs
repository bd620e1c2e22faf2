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
