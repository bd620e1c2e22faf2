namespace Remedora;

/// <summary>A write was based on a stale version of a record: someone else changed it first.</summary>
public sealed class ConcurrencyConflictException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="ConcurrencyConflictException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>CareCase</c>.</param>
    /// <param name="resourceId">The record's id.</param>
    /// <param name="expectedVersion">The version the write was based on.</param>
    /// <param name="actualVersion">The version found in storage; <see langword="null"/> when the record no longer exists (or, for a new record, already existed).</param>
    public ConcurrencyConflictException(string resourceType, string resourceId, long expectedVersion, long? actualVersion)
        : base(RemedoraErrorCodes.ConcurrencyConflict, RemedoraErrorCategory.Conflict, BuildMessage(resourceType, resourceId, expectedVersion, actualVersion))
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the record's id.</summary>
    public string ResourceId { get; }

    /// <summary>Gets the version the write was based on (0 for an insert).</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version found in storage.</summary>
    /// <value>The version; <see langword="null"/> when the record was not found.</value>
    public long? ActualVersion { get; }

    private static string BuildMessage(string type, string id, long expected, long? actual)
        => expected == 0
            ? $"{type} '{id}' already exists; it cannot be inserted again. Load it and update it instead."
            : actual is null
                ? $"{type} '{id}' was expected at version {expected} but no longer exists. Reload it before changing it."
                : $"{type} '{id}' was changed by someone else: expected version {expected} but found version {actual}. Reload it and apply the change again.";
}
