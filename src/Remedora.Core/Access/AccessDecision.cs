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
