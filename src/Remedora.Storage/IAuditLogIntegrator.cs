namespace Remedora.Storage;

/// <summary>
/// Sequences committed audit records into each tenant's log. A commit only adds its audit records to the tenant's
/// backlog (an insert that takes no lock other commits wait on); integration, apart from the writers, gives them their
/// sequence numbers, chain hashes and Merkle tree nodes, in batches, one integrator at a time per tenant under a lease
/// kept in the database. Implemented by each storage provider; the audit package's hosted integrator calls it.
/// </summary>
public interface IAuditLogIntegrator
{
    /// <summary>
    /// Integrates up to <paramref name="maxRecords"/> of a tenant's backlog, oldest first, if the tenant's lease is free,
    /// expired or already <paramref name="holder"/>'s; the lease is then <paramref name="holder"/>'s for
    /// <paramref name="leaseDuration"/>. The records, their tree nodes, the new head and the removal from the backlog
    /// commit together, so each record is integrated exactly once even when two hosts race past an expired lease.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="holder">Who integrates (one id per host).</param>
    /// <param name="maxRecords">The most records to integrate in this call (0 only takes or renews the lease).</param>
    /// <param name="leaseDuration">How long the lease lasts after this call if the holder dies.</param>
    /// <param name="cancellationToken">A token to cancel the integration.</param>
    /// <returns>What was integrated.</returns>
    Task<AuditIntegrationResult> IntegrateAsync(TenantId tenantId, string holder, int maxRecords, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's backlog: the committed audit records not yet integrated into its log.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The backlog.</returns>
    Task<AuditBacklog> GetBacklogAsync(TenantId tenantId, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenants whose backlog is not empty.</summary>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>The tenants.</returns>
    Task<IReadOnlyList<TenantId>> ListBacklogTenantsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads stored nodes of a tenant's Merkle tree.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="nodes">The nodes to read.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>Each node's 32-byte hash in the order asked, or <see langword="null"/> for a node that is not stored.</returns>
    Task<IReadOnlyList<ReadOnlyMemory<byte>?>> ReadTreeNodesAsync(TenantId tenantId, IReadOnlyList<AuditTreeNode> nodes, CancellationToken cancellationToken = default);
}
