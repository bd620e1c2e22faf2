namespace Remedora.Storage;

/// <summary>Builds a <see cref="DocumentCollection{T}"/>.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <example>
/// <code>
/// var patients = new DocumentCollectionBuilder&lt;Patient&gt;("patients", ResourceTypes.Patient)
///     .Key(p => p.Id)
///     .Tenant(p => p.TenantId)
///     .Version(p => p.Version, (p, v) => p with { Version = v })
///     .Patient(p => p.Id)
///     .Index("email", p => p.Email, IndexOptions.Protected | IndexOptions.Unique)
///     .Build();
/// </code>
/// </example>
public sealed partial class DocumentCollectionBuilder<T>
    where T : class
{
    private readonly string _name;
    private readonly string _resourceType;
    private readonly List<DocumentIndex<T>> _indexes = [];
    private Func<T, string>? _key;
    private Func<T, TenantId>? _tenant;
    private Func<T, long>? _version;
    private Func<T, long, T>? _withVersion;
    private Func<T, Id<Patient>?>? _patient;
    private Func<T, bool>? _hasKey;
    private Func<T, T>? _newKey;
    private string? _owner;

    /// <summary>Initializes a new instance of the <see cref="DocumentCollectionBuilder{T}"/> class.</summary>
    /// <param name="name">The collection name: 1 to 63 characters a-z, 0-9, '_', '.' or '-', starting with a letter, for example <c>intake.submissions</c>.</param>
    /// <param name="resourceType">The resource type used in errors, audit records and access requests, for example <c>QuestionnaireResponse</c>.</param>
    /// <exception cref="ArgumentException">The name or resource type is invalid.</exception>
    public DocumentCollectionBuilder(string name, string resourceType)
    {
        DocumentCollection.ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        _name = name;
        _resourceType = resourceType;
    }

    /// <summary>Sets the key: a strongly typed id.</summary>
    /// <typeparam name="TId">The kind of record the id names.</typeparam>
    /// <param name="key">Gets a document's id.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Key<TId>(Func<T, Id<TId>> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = d => key(d).ToString();
        _hasKey = d => !key(d).IsEmpty;
        return this;
    }

    /// <summary>Sets the key: any text unique within the tenant, at most 200 characters.</summary>
    /// <param name="key">Gets a document's key.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Key(Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _hasKey = d => !string.IsNullOrEmpty(key(d));
        return this;
    }

    /// <summary>Sets how to read a document's tenant.</summary>
    /// <param name="tenant">Gets a document's tenant.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Tenant(Func<T, TenantId> tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        _tenant = tenant;
        return this;
    }

    /// <summary>Sets how to read and replace a document's version (optimistic concurrency).</summary>
    /// <param name="version">Gets the version a document was read at.</param>
    /// <param name="withVersion">Returns a copy with another version, for example <c>(d, v) => d with { Version = v }</c>.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Version(Func<T, long> version, Func<T, long, T> withVersion)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(withVersion);
        _version = version;
        _withVersion = withVersion;
        return this;
    }

    /// <summary>Declares that documents are patient data about the patient <paramref name="patient"/> returns.</summary>
    /// <param name="patient">Gets the patient a document is about.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Patient(Func<T, Id<Patient>?> patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        _patient = patient;
        return this;
    }

    /// <summary>Declares that documents are patient data about the patient <paramref name="patient"/> returns.</summary>
    /// <param name="patient">Gets the patient a document is about.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> Patient(Func<T, Id<Patient>> patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        _patient = d => patient(d);
        return this;
    }

    /// <summary>
    /// Declares that the SDK chooses the key of every new record: <see cref="IRecords{T}.CreateAsync"/> refuses a record
    /// that already carries a key and stores a copy with the key <paramref name="newKey"/> assigns. Set it on every
    /// collection keyed by the record's own <see cref="Id{T}"/>, so a caller can neither pick nor probe another
    /// patient's id.
    /// </summary>
    /// <param name="newKey">Returns a copy with a fresh key, for example <c>p => p with { Id = Id&lt;Patient&gt;.New() }</c>.</param>
    /// <returns>This builder.</returns>
    public DocumentCollectionBuilder<T> NewKey(Func<T, T> newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        _newKey = newKey;
        return this;
    }

    /// <summary>
    /// Declares the collection command-owned: its records change only through the commands of
    /// <paramref name="package"/>. <see cref="IRecords{T}"/> still reads and searches it (access-checked and audited),
    /// but refuses to create, update or delete its records with <see cref="WriteNotPermittedException"/>.
    /// </summary>
    /// <param name="package">The owning package, for example <c>Remedora.CarePaths</c>; it is named in the refusal.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="package"/> is empty.</exception>
    public DocumentCollectionBuilder<T> OwnedBy(string package)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        _owner = package;
        return this;
    }

    /// <summary>Adds a declared index; keep the instance to query with it.</summary>
    /// <param name="index">The index, for example a <see cref="DocumentIndex{TDocument, TValue}"/> or a <see cref="CompositeIndex{TDocument, T1, T2}"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The collection already has an index of that name.</exception>
    public DocumentCollectionBuilder<T> Index(DocumentIndex<T> index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (_indexes.Any(i => i.Name == index.Name))
        {
            throw new ArgumentException($"Collection '{_name}' already has an index named '{index.Name}'.", nameof(index));
        }

        _indexes.Add(index);
        return this;
    }

    /// <summary>Adds a single-field index by name (query it by name, or get it back with <see cref="DocumentCollection.GetIndex(string)"/>).</summary>
    /// <typeparam name="TValue">The value type: text-like values (strings, ids, enums) are text, integers are numbers, <see cref="DateTimeOffset"/> is an instant.</typeparam>
    /// <param name="name">The index name used in queries.</param>
    /// <param name="value">Gets a document's value.</param>
    /// <param name="options">Whether the index is unique within the tenant and whether its value is PHI.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already used, or a protected index is not text.</exception>
    public DocumentCollectionBuilder<T> Index<TValue>(string name, Func<T, TValue> value, IndexOptions options = IndexOptions.None)
        => Index(new DocumentIndex<T, TValue>(name, value, options));

    /// <summary>Adds a composite index on two fields by name.</summary>
    /// <typeparam name="T1">The type of the first field.</typeparam>
    /// <typeparam name="T2">The type of the second field.</typeparam>
    /// <param name="name">The index name used in queries.</param>
    /// <param name="first">Gets a document's first field.</param>
    /// <param name="second">Gets a document's second field.</param>
    /// <param name="options">Whether the pair is unique within the tenant.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already used, or <paramref name="options"/> asks for protection.</exception>
    public DocumentCollectionBuilder<T> Index<T1, T2>(string name, Func<T, T1> first, Func<T, T2> second, IndexOptions options = IndexOptions.None)
        => Index(new CompositeIndex<T, T1, T2>(name, first, second, options));

    /// <summary>Builds the collection.</summary>
    /// <returns>The collection.</returns>
    /// <exception cref="InvalidOperationException">The key, tenant or version was not set.</exception>
    public DocumentCollection<T> Build()
    {
        if (_key is null || _tenant is null || _version is null || _withVersion is null)
        {
            throw new InvalidOperationException($"Collection '{_name}' needs Key, Tenant and Version before it can be built.");
        }

        return new DocumentCollection<T>(_name, _resourceType, _key, _tenant, _version, _withVersion, _patient, _indexes.ToArray(), _owner, _newKey, _hasKey!)
        {
            TimeRanges = _timeRanges.ToArray(),
        };
    }
}
