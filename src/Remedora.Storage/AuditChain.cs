using System.Buffers;
using System.Security.Cryptography;

namespace Remedora.Storage;

/// <summary>
/// The hash chain of the audit log: how an event is normalised and turned into canonical bytes, and how each
/// record's hash covers the previous record's hash. Providers use it when they append; verification uses it when it
/// checks.
/// </summary>
/// <remarks>
/// <c>hash[n] = SHA-256(hash[n-1] || canonical(n))</c>, with 32 zero bytes before the first record. The canonical
/// bytes are compact UTF-8 JSON with a fixed member order that includes the tenant and the sequence number, so a
/// changed, deleted, inserted or reordered record breaks the chain at that record.
/// </remarks>
public static class AuditChain
{
    /// <summary>The length of a hash, in bytes.</summary>
    public const int HashLength = 32;

    /// <summary>The version of the canonical form, written into every record's canonical bytes.</summary>
    public const int CanonicalVersion = 1;

    /// <summary>Gets the hash that precedes the first record: 32 zero bytes.</summary>
    public static ReadOnlyMemory<byte> GenesisHash { get; } = new byte[HashLength];

    /// <summary>
    /// Normalises an event to what every provider stores exactly: the time in UTC truncated to whole microseconds.
    /// Providers store the normalised event, so what is read back hashes the same.
    /// </summary>
    /// <param name="auditEvent">The event.</param>
    /// <returns>The normalised event.</returns>
    public static AuditEvent Normalize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var at = StorageTime.Normalize(auditEvent.OccurredAt);
        return at == auditEvent.OccurredAt && at.Offset == TimeSpan.Zero ? auditEvent : auditEvent with { OccurredAt = at };
    }

    /// <summary>Writes the canonical bytes of a record.</summary>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="auditEvent">The normalised event.</param>
    /// <param name="destination">Receives the bytes.</param>
    public static void WriteCanonical(long sequence, AuditEvent auditEvent, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(destination);
        var writer = CanonicalWriter.ForCurrentThread();
        try
        {
            writer.WriteCanonical(sequence, auditEvent);
            destination.Write(writer.Written);
        }
        finally
        {
            writer.Clear();
        }
    }

    /// <summary>Gets the canonical bytes of a record.</summary>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="auditEvent">The normalised event.</param>
    /// <returns>The bytes.</returns>
    public static byte[] GetCanonicalBytes(long sequence, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var writer = CanonicalWriter.ForCurrentThread();
        try
        {
            writer.WriteCanonical(sequence, auditEvent);
            return writer.Written.ToArray();
        }
        finally
        {
            writer.Clear();
        }
    }

    /// <summary>Computes a record's hash.</summary>
    /// <param name="previousHash">The previous record's hash (or <see cref="GenesisHash"/>).</param>
    /// <param name="canonicalBytes">The record's canonical bytes.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> canonicalBytes)
    {
        var hash = new byte[HashLength];
        ComputeHash(previousHash, canonicalBytes, hash);
        return hash;
    }

    /// <summary>Computes a record's hash into a buffer.</summary>
    /// <param name="previousHash">The previous record's hash (or <see cref="GenesisHash"/>).</param>
    /// <param name="canonicalBytes">The record's canonical bytes.</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    public static void ComputeHash(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> canonicalBytes, Span<byte> destination)
    {
        CheckHashArguments(previousHash, destination);

        // The previous hash and the canonical bytes side by side in the reused buffer, hashed in one call.
        var writer = CanonicalWriter.ForCurrentThread();
        try
        {
            writer.Append(previousHash);
            writer.Append(canonicalBytes);
            SHA256.HashData(writer.Written, destination);
        }
        finally
        {
            writer.Clear();
        }
    }

    /// <summary>
    /// Computes a record's hash from the previous hash and the record's event at a sequence number: the canonical bytes
    /// are written into a reused buffer behind the previous hash and hashed in one call, without allocating.
    /// </summary>
    /// <param name="previousHash">The previous record's hash (or <see cref="GenesisHash"/>).</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="auditEvent">The normalised event.</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    public static void ComputeHash(ReadOnlySpan<byte> previousHash, long sequence, AuditEvent auditEvent, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        CheckHashArguments(previousHash, destination);
        var writer = CanonicalWriter.ForCurrentThread();
        try
        {
            writer.Append(previousHash);
            writer.WriteCanonical(sequence, auditEvent);
            SHA256.HashData(writer.Written, destination);
        }
        finally
        {
            writer.Clear();
        }
    }

    /// <summary>Seals the next record of a chain: normalises the event and computes its hash.</summary>
    /// <param name="head">The chain's current head.</param>
    /// <param name="auditEvent">The event to append.</param>
    /// <returns>The record to store; its sequence is the head's plus one.</returns>
    public static AuditRecord Seal(AuditChainHead head, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.Hash.Length != HashLength)
        {
            throw new ArgumentException($"A chain head's hash has {HashLength} bytes.", nameof(head));
        }

        var normalized = Normalize(auditEvent);
        var sequence = head.Sequence + 1;
        var hash = new byte[HashLength];
        ComputeHash(head.Hash.Span, sequence, normalized, hash);
        return new AuditRecord(sequence, normalized, head.Hash, hash);
    }

    private static void CheckHashArguments(ReadOnlySpan<byte> previousHash, Span<byte> destination)
    {
        if (previousHash.Length != HashLength)
        {
            throw new ArgumentException($"A previous hash has {HashLength} bytes.", nameof(previousHash));
        }

        if (destination.Length < HashLength)
        {
            throw new ArgumentException($"The destination needs {HashLength} bytes.", nameof(destination));
        }
    }
}
