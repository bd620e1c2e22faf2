using Remedora.Access;

namespace Remedora;

/// <summary>
/// What happened to patient data: who did what to which record, when, why, from where and with what outcome.
/// Every package produces these; storage records them, hash-chained, inside the unit of work of the change.
/// </summary>
/// <remarks>An audit event carries identifiers and codes only; never names, contact details or clinical content.</remarks>
public sealed record AuditEvent
{
    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the acting user's (or component's) id.</summary>
    public required string ActorId { get; init; }

    /// <summary>Gets the role the actor acted in.</summary>
    public required ActorRole ActorRole { get; init; }

    /// <summary>Gets what the actor did.</summary>
    public required AuditAction Action { get; init; }

    /// <summary>Gets the kind of record, for example <c>Patient</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the record's id, when one record was involved.</summary>
    public string? ResourceId { get; init; }

    /// <summary>Gets the patient the record is about, when it is patient data.</summary>
    public Id<Patient>? PatientId { get; init; }

    /// <summary>Gets the outcome.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>Gets why the actor acted.</summary>
    public PurposeOfUse? PurposeOfUse { get; init; }

    /// <summary>Gets where the request came from.</summary>
    public RequestSource? Source { get; init; }

    /// <summary>Gets the correlation id of the request.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the break-glass reason when access was granted through emergency access.</summary>
    public string? BreakGlassReason { get; init; }

    /// <summary>Gets a short, PHI-free detail, for example the trigger fired (<c>approve</c>) or the access basis.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the disclosure details for <see cref="AuditAction.Disclose"/> events (accounting of disclosures).</summary>
    public Disclosure? Disclosure { get; init; }

    /// <summary>Creates an audit event of an actor's action.</summary>
    /// <param name="actor">Who acted.</param>
    /// <param name="action">What they did.</param>
    /// <param name="resourceType">The kind of record.</param>
    /// <param name="resourceId">The record's id, if any.</param>
    /// <param name="patientId">The patient, if the record is patient data.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <returns>The event, with the actor's purpose, source, correlation id and break-glass reason.</returns>
    public static AuditEvent For(ActorContext actor, AuditAction action, string resourceType, string? resourceId, Id<Patient>? patientId, AuditOutcome outcome, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEvent
        {
            OccurredAt = occurredAt,
            TenantId = actor.TenantId,
            ActorId = actor.UserId,
            ActorRole = actor.Role,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            PatientId = patientId,
            Outcome = outcome,
            PurposeOfUse = actor.PurposeOfUse,
            Source = actor.Source,
            CorrelationId = actor.CorrelationId,
            BreakGlassReason = actor.BreakGlass?.Reason,
        };
    }

    /// <summary>Maps an access action to the audit action that records it.</summary>
    /// <param name="action">The access action.</param>
    /// <returns>The audit action.</returns>
    public static AuditAction ActionFor(AccessAction action) => action switch
    {
        AccessAction.Read => AuditAction.Read,
        AccessAction.Search => AuditAction.Search,
        AccessAction.Create => AuditAction.Create,
        AccessAction.Update => AuditAction.Update,
        AccessAction.Delete => AuditAction.Delete,
        AccessAction.Export => AuditAction.Export,
        AccessAction.Print => AuditAction.Print,
        AccessAction.Disclose => AuditAction.Disclose,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown access action."),
    };
}
