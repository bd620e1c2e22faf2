namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A stored queue item: one row of <c>queue_items</c>.</summary>
internal sealed class QueueItemRow
{
    public string TenantId { get; set; } = string.Empty;

    public Guid Id { get; set; }

    public string Queue { get; set; } = string.Empty;

    public int Priority { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    public string? Jurisdiction { get; set; }

    public string? Skill { get; set; }

    public string? Pool { get; set; }

    public string? AssignedTo { get; set; }

    public string? SubjectId { get; set; }

    public string? Reference { get; set; }

    public string? MessageType { get; set; }

    public string? Payload { get; set; }

    public string? IdempotencyKey { get; set; }

    public int Status { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public Guid? LeaseToken { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets or sets the key of an outbox message published with one (unique per tenant among pending messages).</summary>
    public string? MessageKey { get; set; }
}
