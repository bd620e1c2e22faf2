namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A stored document: one row of <c>documents</c>.</summary>
internal sealed class DocumentRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Collection { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public long Version { get; set; }

    public string Data { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A document's entry in one declared index: one row of <c>document_index_entries</c>.</summary>
internal sealed class IndexEntryRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Collection { get; set; } = string.Empty;

    public string IndexName { get; set; } = string.Empty;

    /// <summary>Gets or sets the order-preserving encoding of the entry's values (see <c>IndexKey</c>).</summary>
    public byte[] EntryKey { get; set; } = [];

    public string DocumentKey { get; set; } = string.Empty;

    /// <summary>Gets or sets 1 when every field has a value (order queries use complete entries only), else 0.</summary>
    public int Complete { get; set; }

    /// <summary>Gets or sets 1 when the index is unique and the entry is complete: the unique index covers these rows only.</summary>
    public int IsUnique { get; set; }
}

/// <summary>Which version of a declared index the entries were built for: one row of <c>document_index_states</c>.</summary>
internal sealed class IndexStateRow
{
    public string Collection { get; set; } = string.Empty;

    public string IndexName { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    public DateTimeOffset BuiltAt { get; set; }
}

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

/// <summary>The head of one tenant's audit chain: one row of <c>audit_chain_heads</c>.</summary>
internal sealed class AuditChainHeadRow
{
    public string TenantId { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
