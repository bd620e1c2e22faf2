using System.Buffers;
using System.Security.Cryptography;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Recomputes record hashes: writes the previous hash and the record's canonical bytes
/// (<see cref="AuditChain.WriteCanonical"/>) side by side into a reused buffer and hashes them in one call.
/// Not thread-safe: one instance per verification.
/// </summary>
internal sealed class RecordHasher
{
    private const int HashLength = AuditChain.HashLength;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>Determines whether a record's stored hash is the hash of its stored previous hash and its canonical bytes at <paramref name="sequence"/>.</summary>
    /// <param name="record">The record as stored.</param>
    /// <param name="sequence">The sequence number to put into the canonical bytes (the stored one, or a candidate position).</param>
    /// <returns><see langword="true"/> when the record is self-consistent at that sequence.</returns>
    public bool Verify(AuditRecord record, long sequence)
    {
        if (record.PreviousHash.Length != HashLength || record.Hash.Length != HashLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[HashLength];
        ComputeHash(record.PreviousHash.Span, sequence, record.Event, hash);
        return hash.SequenceEqual(record.Hash.Span);
    }

    /// <summary>Computes a record's hash from a previous hash and its event at a sequence number.</summary>
    /// <param name="previousHash">The previous hash (32 bytes).</param>
    /// <param name="sequence">The sequence number.</param>
    /// <param name="auditEvent">The event as stored.</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    public void ComputeHash(ReadOnlySpan<byte> previousHash, long sequence, AuditEvent auditEvent, Span<byte> destination)
    {
        _buffer.Clear();
        _buffer.Write(previousHash);
        AuditChain.WriteCanonical(sequence, auditEvent, _buffer);
        SHA256.HashData(_buffer.WrittenSpan, destination);
    }

    /// <summary>Gets the canonical bytes last written (without the previous hash); for tests.</summary>
    internal ReadOnlySpan<byte> LastCanonical => _buffer.WrittenSpan[HashLength..];
}
