namespace Remedora.Storage;

/// <summary>An audit event as stored: its position in the tenant's chain and the hashes that make the chain tamper-evident.</summary>
/// <param name="Sequence">The position in the tenant's chain, from 1, without gaps.</param>
/// <param name="Event">The event, normalised by <see cref="AuditChain.Normalize(AuditEvent)"/>.</param>
/// <param name="PreviousHash">The hash of the record before it (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 over <see cref="PreviousHash"/> and the record's canonical bytes.</param>
public sealed record AuditRecord(long Sequence, AuditEvent Event, ReadOnlyMemory<byte> PreviousHash, ReadOnlyMemory<byte> Hash);

/// <summary>The last record of a tenant's audit chain.</summary>
/// <param name="Sequence">Its sequence number (0 when the chain is empty).</param>
/// <param name="Hash">Its hash (32 zero bytes when the chain is empty).</param>
public sealed record AuditChainHead(long Sequence, ReadOnlyMemory<byte> Hash)
{
    /// <summary>Gets what makes the stored chain-head row unreadable.</summary>
    /// <value>
    /// The problem; <see langword="null"/> when the head was read (or the tenant has none). When set, the head vouches
    /// for nothing: <see cref="Sequence"/> is what could be read of it (0 if nothing) and <see cref="Hash"/> is 32 zero bytes.
    /// </value>
    public UnreadableAuditRow? Unreadable { get; init; }
}

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

/// <summary>A page of audit records, newest first.</summary>
/// <param name="Items">The records.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record AuditRecordPage(IReadOnlyList<AuditRecord> Items, string? ContinuationToken)
{
    /// <summary>Gets the rows of this page's range that matched the query's filters as far as the database could tell but cannot be read.</summary>
    /// <value>The unreadable rows, newest first (reason codes only); empty when every row was read.</value>
    public IReadOnlyList<UnreadableAuditRow> Unreadable { get; init; } = [];
}
