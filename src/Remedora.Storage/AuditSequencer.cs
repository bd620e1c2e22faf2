namespace Remedora.Storage;

/// <summary>
/// Seals a batch of a tenant's backlog onto its log: each event gets the next sequence number and its chain hash (as
/// <see cref="AuditChain.Seal"/> computes it), and becomes the next leaf of the Merkle tree. Providers call it inside
/// the transaction that writes the result.
/// </summary>
internal static class AuditSequencer
{
    /// <summary>Seals events after a head.</summary>
    /// <param name="head">The log's head (its sequence is the tree's size).</param>
    /// <param name="frontier">The hashes of <see cref="AuditTree.Frontier"/> of the head's sequence; updated in place.</param>
    /// <param name="events">The encoded events, in backlog order.</param>
    /// <returns>The records, the tree nodes they complete and the new head.</returns>
    public static SealedBatch Seal(AuditChainHead head, Dictionary<AuditTreeNode, byte[]> frontier, IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(events);
        var records = new AuditRecord[events.Count];
        var leaves = new byte[events.Count][];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = AuditChain.Seal(head, events[i]);
            leaves[i] = AuditTree.HashLeaf(AuditChain.GetCanonicalBytes(records[i].Sequence, records[i].Event));
            head = new AuditChainHead(records[i].Sequence, records[i].Hash);
        }

        var nodes = AuditTree.Append(head.Sequence - records.Length, frontier, leaves);
        return new SealedBatch(records, nodes, head);
    }

    /// <summary>Computes the tree nodes of stored records that have none yet (a chain written before the Merkle tree existed).</summary>
    /// <param name="treeSize">The number of records that have their leaves.</param>
    /// <param name="frontier">The hashes of <see cref="AuditTree.Frontier"/> of <paramref name="treeSize"/>; updated in place.</param>
    /// <param name="records">The stored records after <paramref name="treeSize"/>, in sequence order.</param>
    /// <returns>The nodes the records complete.</returns>
    public static List<(AuditTreeNode Node, byte[] Hash)> Backfill(long treeSize, Dictionary<AuditTreeNode, byte[]> frontier, IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var leaves = new byte[records.Count][];
        for (var i = 0; i < leaves.Length; i++)
        {
            if (records[i].Sequence != treeSize + i + 1)
            {
                throw new InvalidOperationException($"Audit record {treeSize + i + 1} is missing, so the Merkle tree cannot be built past record {treeSize + i}.");
            }

            leaves[i] = AuditTree.HashLeaf(AuditChain.GetCanonicalBytes(records[i].Sequence, records[i].Event));
        }

        return AuditTree.Append(treeSize, frontier, leaves);
    }

    /// <summary>A sealed batch.</summary>
    /// <param name="Records">The records.</param>
    /// <param name="Nodes">The tree nodes they complete.</param>
    /// <param name="Head">The new head.</param>
    public sealed record SealedBatch(AuditRecord[] Records, List<(AuditTreeNode Node, byte[] Hash)> Nodes, AuditChainHead Head);
}
