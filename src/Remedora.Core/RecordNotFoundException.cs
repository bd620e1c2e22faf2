namespace Remedora;

/// <summary>
/// The record does not exist in the actor's tenant, or the access policy keeps it out of the actor's scope (the two
/// are indistinguishable on purpose, so no caller learns that an out-of-scope record exists).
/// </summary>
public sealed class RecordNotFoundException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="RecordNotFoundException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>Patient</c>.</param>
    /// <param name="resourceId">The record's id.</param>
    public RecordNotFoundException(string resourceType, string resourceId)
        : base(RemedoraErrorCodes.NotFound, RemedoraErrorCategory.NotFound, $"No {resourceType} with id '{resourceId}' was found. Check the id, the actor's tenant and the actor's relationship to the patient.")
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the record's id.</summary>
    public string ResourceId { get; }
}
