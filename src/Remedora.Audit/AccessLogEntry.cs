namespace Remedora.Audit;

/// <summary>One access to a patient's records.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="ActorId">Who (the application's user id).</param>
/// <param name="ActorRole">In which role.</param>
/// <param name="Action">What they did.</param>
/// <param name="ResourceType">The kind of record.</param>
/// <param name="ResourceId">The record's id, when one record was involved.</param>
/// <param name="Outcome">Whether it succeeded or was refused.</param>
/// <param name="PurposeOfUse">Why they acted.</param>
/// <param name="BreakGlassReason">The emergency-access reason, when access was gained through break-glass.</param>
/// <param name="Source">Where the request came from.</param>
/// <param name="Sequence">The audit record's sequence number in the tenant's chain.</param>
public sealed record AccessLogEntry(
    DateTimeOffset OccurredAt,
    string ActorId,
    ActorRole ActorRole,
    AuditAction Action,
    string ResourceType,
    string? ResourceId,
    AuditOutcome Outcome,
    PurposeOfUse? PurposeOfUse,
    string? BreakGlassReason,
    RequestSource? Source,
    long Sequence)
{
    /// <summary>Gets a value indicating whether access was gained through emergency (break-glass) access.</summary>
    public bool IsBreakGlass => BreakGlassReason is not null;
}
