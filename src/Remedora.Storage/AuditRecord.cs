namespace Remedora.Storage;

/// <summary>An audit event as stored: its position in the tenant's chain and the hashes that make the chain tamper-evident.</summary>
/// <param name="Sequence">The position in the tenant's chain, from 1, without gaps.</param>
/// <param name="Event">The event, normalised by <see cref="AuditChain.Normalize(AuditEvent)"/>.</param>
/// <param name="PreviousHash">The hash of the record before it (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 over <see cref="PreviousHash"/> and the record's canonical bytes.</param>
public sealed record AuditRecord(long Sequence, AuditEvent Event, ReadOnlyMemory<byte> PreviousHash, ReadOnlyMemory<byte> Hash);
