using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>Checks stored records against their hashes with <see cref="AuditChain.ComputeHash(ReadOnlySpan{byte}, long, AuditEvent, Span{byte})"/>, which allocates nothing.</summary>
internal sealed class RecordHasher
{
    private const int HashLength = AuditChain.HashLength;

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
        AuditChain.ComputeHash(record.PreviousHash.Span, sequence, record.Event, hash);
        return hash.SequenceEqual(record.Hash.Span);
    }
}
