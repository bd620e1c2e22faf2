namespace Remedora.Storage;

/// <summary>
/// An update tried to move a record to another patient: a record stays with the patient it was created for (and its
/// key and tenant never change). Create a new record for the other patient instead. Thrown only for a stored record
/// the actor may see.
/// </summary>
public sealed class RecordIdentityChangeException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="RecordIdentityChangeException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>CareCase</c>.</param>
    /// <param name="resourceId">The record's key.</param>
    /// <param name="field">What the update tried to change, for example <c>patient</c>.</param>
    public RecordIdentityChangeException(string resourceType, string resourceId, string field)
        : base(StorageErrorCodes.IdentityChangeRefused, RemedoraErrorCategory.Validation, $"The {field} of {resourceType} '{resourceId}' cannot change: a record stays with the patient, tenant and key it was created with. Keep the stored {field}, or create a new record instead.")
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
        Field = field;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the record's key.</summary>
    public string ResourceId { get; }

    /// <summary>Gets what the update tried to change: <c>patient</c>.</summary>
    public string Field { get; }
}
