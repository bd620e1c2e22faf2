namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A complete subtree of a tenant's audit Merkle tree: one row of <c>audit_tree_nodes</c>.</summary>
internal sealed class AuditTreeNodeRow
{
    public string TenantId { get; set; } = string.Empty;

    public int Level { get; set; }

    public long Index { get; set; }

    public byte[] Hash { get; set; } = [];
}
