namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>The head of one tenant's audit chain: one row of <c>audit_chain_heads</c>.</summary>
internal sealed class AuditChainHeadRow
{
    public string TenantId { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
