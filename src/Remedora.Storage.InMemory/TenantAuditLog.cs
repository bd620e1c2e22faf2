using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

/// <summary>
/// One tenant's audit log: the integrated chain, the backlog of committed records not yet integrated, the stored
/// Merkle tree nodes and the integration lease.
/// </summary>
internal sealed record TenantAuditLog(ImmutableList<AuditRecord> Records, AuditChainHead Head)
{
    public static TenantAuditLog Empty { get; } = new([], new AuditChainHead(0, AuditChain.GenesisHash));

    public ImmutableList<PendingAuditRecord> Pending { get; init; } = [];

    public ImmutableDictionary<Remedora.Storage.AuditTreeNode, byte[]> Nodes { get; init; } = ImmutableDictionary<Remedora.Storage.AuditTreeNode, byte[]>.Empty;

    public string? LeaseHolder { get; init; }

    public DateTimeOffset LeaseExpiresAt { get; init; }
}
