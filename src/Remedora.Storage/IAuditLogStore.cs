namespace Remedora.Storage;

/// <summary>Reads the audit log. Implemented by each storage provider; records are appended by <see cref="IStorageSession.CommitAsync"/>.</summary>
public interface IAuditLogStore
{
    /// <summary>
    /// Streams a tenant's chain in sequence order, for verification; memory use does not grow with the log. A stored row
    /// that cannot be read (a value of the wrong type, an unknown name, a malformed id, a hash of the wrong length ...)
    /// is streamed as an unreadable entry in its place; reading never throws on stored data.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="fromSequence">The first sequence number to read.</param>
    /// <param name="cancellationToken">A token to stop reading.</param>
    /// <returns>The rows, as stored (not re-normalised), in ascending sequence order.</returns>
    IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, CancellationToken cancellationToken = default);

    /// <summary>Reads the head of a tenant's chain as the chain-head row records it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The head (sequence 0 when the tenant has no records).</returns>
    Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queries a tenant's audit records, newest first, with keyset paging. A matching row that cannot be read is not
    /// among the page's items: it is listed in <see cref="AuditRecordPage.Unreadable"/>; the query never throws on stored data.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">A token to cancel the query.</param>
    /// <returns>A page of records.</returns>
    Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenants that have audit records, for whole-log verification.</summary>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>The tenants.</returns>
    Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default);
}
