namespace Remedora.Storage;

/// <summary>
/// A generic write (<see cref="IRecords{T}.CreateAsync"/>, <see cref="IRecords{T}.UpdateAsync"/> or
/// <see cref="IRecords{T}.DeleteAsync"/>) was refused because the collection is command-owned: its records change only
/// through the commands of <see cref="Owner"/>, which keep its rules (guards, history, consent state). Reads and
/// searches stay available.
/// </summary>
public sealed class WriteNotPermittedException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="WriteNotPermittedException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>CareCase</c>.</param>
    /// <param name="collection">The collection, for example <c>care-cases</c>.</param>
    /// <param name="owner">The owning package, for example <c>Remedora.CarePaths</c>.</param>
    public WriteNotPermittedException(string resourceType, string collection, string owner)
        : base(StorageErrorCodes.WriteNotPermitted, RemedoraErrorCategory.Forbidden, $"{resourceType} records (collection '{collection}') change only through the commands of {owner}; IRecords<T> may read and search them but not create, update or delete them. Call the {owner} command that makes this change.")
    {
        ResourceType = resourceType;
        Collection = collection;
        Owner = owner;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the collection name.</summary>
    public string Collection { get; }

    /// <summary>Gets the owning package.</summary>
    public string Owner { get; }
}
