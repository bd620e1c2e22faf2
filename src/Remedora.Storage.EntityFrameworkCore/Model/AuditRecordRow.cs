namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A stored audit record: one row of <c>audit_records</c>.</summary>
internal sealed class AuditRecordRow
{
    public string TenantId { get; set; } = string.Empty;

    public long Sequence { get; set; }

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

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}
