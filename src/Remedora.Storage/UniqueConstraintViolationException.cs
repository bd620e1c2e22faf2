namespace Remedora.Storage;

/// <summary>
/// A commit would have given two documents of one tenant the same value in a unique index; nothing of the unit of work
/// was written. The message names the collection and the index, never the value.
/// </summary>
public sealed class UniqueConstraintViolationException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="UniqueConstraintViolationException"/> class.</summary>
    /// <param name="collection">The collection, for example <c>patients</c>.</param>
    /// <param name="resourceType">The kind of record, for example <c>Patient</c>.</param>
    /// <param name="constraint">The unique index's name, for example <c>email</c>.</param>
    public UniqueConstraintViolationException(string collection, string resourceType, string constraint)
        : base(StorageErrorCodes.UniqueConstraintViolation, RemedoraErrorCategory.Conflict, $"Another {resourceType} in this tenant already has the same value in unique index '{constraint}' of collection '{collection}'; nothing was written. Change the value, or load and update the other record.")
    {
        Collection = collection;
        ResourceType = resourceType;
        Constraint = constraint;
    }

    /// <summary>Gets the collection.</summary>
    public string Collection { get; }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the name of the unique index that was violated.</summary>
    public string Constraint { get; }
}
