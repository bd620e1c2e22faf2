namespace Remedora.Storage;

/// <summary>Filters for <see cref="IAuditLogStore.QueryAsync"/>; every filter set must hold.</summary>
public sealed record AuditQuery
{
    /// <summary>Gets the earliest time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the actor id.</summary>
    public string? ActorId { get; init; }

    /// <summary>Gets the patient.</summary>
    public Id<Patient>? PatientId { get; init; }

    /// <summary>Gets the action.</summary>
    public AuditAction? Action { get; init; }

    /// <summary>Gets the outcome.</summary>
    public AuditOutcome? Outcome { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100; at most 1000.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets the previous page's continuation token.</summary>
    public string? ContinuationToken { get; init; }
}
