namespace Remedora.Storage;

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
