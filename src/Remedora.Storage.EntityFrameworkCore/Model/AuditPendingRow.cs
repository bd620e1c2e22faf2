namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A committed audit record waiting for integration: one row of <c>audit_pending</c>.</summary>
internal sealed class AuditPendingRow
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>Gets or sets the unit of work's order key: its commit time in microseconds, increasing within a process; the backlog is integrated in (key, id, position) order, so a unit of work's records stay together.</summary>
    public long CommitKey { get; set; }

    /// <summary>Gets or sets the unit of work's random id, which separates two units of work with the same key.</summary>
    public Guid CommitId { get; set; }

    /// <summary>Gets or sets the record's position within its unit of work.</summary>
    public int Position { get; set; }

    public DateTimeOffset CommittedAt { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string ActorId { get; set; } = string.Empty;

    public string ActorRole { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string ResourceType { get; set; } = string.Empty;

    public string? ResourceId { get; set; }

    public Guid? PatientId { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? PurposeOfUse { get; set; }

    public string? SourceApplication { get; set; }

    public string? SourceNetworkAddress { get; set; }

    public string? SourceDevice { get; set; }

    public string? CorrelationId { get; set; }

    public string? BreakGlassReason { get; set; }

    public string? Detail { get; set; }

    public string? DisclosureRecipient { get; set; }

    public string? DisclosurePurpose { get; set; }

    public string? DisclosureDescription { get; set; }
}
