namespace Remedora.Access;

/// <summary>The access policy's answer to an <see cref="AccessRequest"/>.</summary>
public readonly record struct AccessDecision
{
    private AccessDecision(bool isAllowed, AccessBasis basis, bool isBreakGlass)
    {
        IsAllowed = isAllowed;
        Basis = basis;
        IsBreakGlass = isBreakGlass;
    }

    /// <summary>Gets a value indicating whether the action is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets why the action was allowed or denied.</summary>
    public AccessBasis Basis { get; }

    /// <summary>Gets a value indicating whether access was granted only through break-glass; such access is flagged in the audit record.</summary>
    public bool IsBreakGlass { get; }

    /// <summary>
    /// Gets a value indicating whether a denial must look like "not found" because the actor may not even know the
    /// record exists (no relationship, another tenant, no stated purpose, expired break-glass).
    /// </summary>
    public bool HidesExistence => !IsAllowed && Basis != AccessBasis.ActionNotPermitted;

    /// <summary>Creates an allowing decision.</summary>
    /// <param name="basis">Why access is allowed.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Allow(AccessBasis basis) => new(true, basis, basis == AccessBasis.BreakGlass);

    /// <summary>Creates a denying decision.</summary>
    /// <param name="basis">Why access is denied.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Deny(AccessBasis basis) => new(false, basis, false);

    /// <summary>
    /// Creates the exception a caller throws for this denial: <see cref="RecordNotFoundException"/> when the denial
    /// hides the record's existence, otherwise <see cref="AccessDeniedException"/>.
    /// </summary>
    /// <param name="request">The request that was denied.</param>
    /// <returns>The exception to throw.</returns>
    /// <exception cref="InvalidOperationException">The decision allows access.</exception>
    public RemedoraException ToException(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsAllowed)
        {
            throw new InvalidOperationException("An allowing access decision has no exception.");
        }

        return HidesExistence
            ? new RecordNotFoundException(request.ResourceType, request.ResourceId ?? request.PatientId?.ToString() ?? "(unspecified)")
            : new AccessDeniedException(request.ResourceType, request.Action.ToString().ToLowerInvariant(), request.Actor.Role);
    }
}

/// <summary>Why the access policy allowed or denied a request.</summary>
public enum AccessBasis
{
    /// <summary>Allowed: the patient reaches their own record.</summary>
    OwnRecord = 0,

    /// <summary>Allowed: the practitioner is on the patient's care team.</summary>
    CareTeamMember = 1,

    /// <summary>Allowed: the practitioner holds a work item for the patient.</summary>
    HoldsWorkItem = 2,

    /// <summary>Allowed: an administrator acting with a stated purpose of use.</summary>
    AdministrativePurpose = 3,

    /// <summary>Allowed: the application itself.</summary>
    System = 4,

    /// <summary>Allowed through emergency (break-glass) access; flagged in the audit record.</summary>
    BreakGlass = 5,

    /// <summary>Allowed: a record that is not patient data, read by a member of the tenant.</summary>
    TenantMember = 6,

    /// <summary>
    /// Allowed: the practitioner completed a work item for the patient within
    /// <see cref="RemedoraOptions.CompletedWorkAccessWindow"/>, so they can finish what the work started.
    /// </summary>
    RecentlyCompletedWork = 7,

    /// <summary>Denied: the record belongs to another tenant.</summary>
    OtherTenant = 100,

    /// <summary>Denied: the actor has no relationship to the patient.</summary>
    NoRelationship = 101,

    /// <summary>Denied: an administrator stated no purpose of use.</summary>
    PurposeRequired = 102,

    /// <summary>Denied: the break-glass grant is not in force: it has expired, or it starts in the future.</summary>
    BreakGlassExpired = 103,

    /// <summary>Denied: the actor's role may not perform this action on this record.</summary>
    ActionNotPermitted = 104,

    /// <summary>
    /// Denied: the actor acts as a practitioner that is not an active member of the tenant (no such practitioner
    /// record in the tenant, or the record is inactive). Applies to every decision, break-glass included.
    /// </summary>
    NotTenantMember = 105,
}
