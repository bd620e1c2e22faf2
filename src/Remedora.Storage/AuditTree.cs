using System.Security.Cryptography;

namespace Remedora.Storage;

/// <summary>
/// The Merkle tree of a tenant's audit log as RFC 6962 / RFC 9162 define it, over the records' canonical bytes in
/// sequence order (leaf index = sequence − 1): a leaf hashes as <c>SHA-256(0x00 || canonical)</c>, an interior node as
/// <c>SHA-256(0x01 || left || right)</c>. Providers store every complete, aligned subtree (level <c>L</c>, index
/// <c>i</c> covering leaves <c>i·2^L</c> to <c>(i+1)·2^L − 1</c>) when they integrate records, so a proof or a root
/// needs only a logarithmic number of stored nodes.
/// </summary>
internal static class AuditTree
{
    /// <summary>The deepest level a node can have (a tree of up to 2^62 leaves).</summary>
    public const int MaxLevel = 62;

    /// <summary>Hashes a leaf: <c>SHA-256(0x00 || data)</c>.</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[AuditChain.HashLength];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0]);
        sha.AppendData(data);
        sha.GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Hashes an interior node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * AuditChain.HashLength)];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + AuditChain.HashLength)..]);
        return SHA256.HashData(input);
    }

    /// <summary>
    /// Gets the nodes on the right edge of a tree of <paramref name="size"/> leaves that the next leaves combine with:
    /// one complete subtree per set bit of the size, largest (leftmost) first.
    /// </summary>
    public static IReadOnlyList<AuditTreeNode> Frontier(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<AuditTreeNode>();
        for (var level = MaxLevel; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                nodes.Add(new AuditTreeNode(level, (size >> level) - 1));
            }
        }

        return nodes;
    }

    /// <summary>
    /// Appends leaves to a tree and returns every node that becomes complete (the leaves themselves and the interior
    /// nodes above them), given the frontier's hashes; the frontier is updated in place.
    /// </summary>
    /// <param name="size">The tree's size before the leaves.</param>
    /// <param name="frontier">The frontier's hashes by node (<see cref="Frontier"/>); receives the new frontier.</param>
    /// <param name="leafHashes">The new leaves' hashes, in order.</param>
    /// <returns>The new complete nodes with their hashes.</returns>
    public static List<(AuditTreeNode Node, byte[] Hash)> Append(long size, Dictionary<AuditTreeNode, byte[]> frontier, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(leafHashes);
        var created = new List<(AuditTreeNode, byte[])>(leafHashes.Count * 2);
        foreach (var leaf in leafHashes)
        {
            var node = new AuditTreeNode(0, size);
            var hash = leaf;
            created.Add((node, hash));
            frontier[node] = hash;
            while ((node.Index & 1) == 1)
            {
                var sibling = new AuditTreeNode(node.Level, node.Index - 1);
                var left = frontier.TryGetValue(sibling, out var found)
                    ? found
                    : throw new InvalidOperationException($"The audit tree node at level {sibling.Level}, index {sibling.Index} is missing.");
                frontier.Remove(sibling);
                frontier.Remove(node);
                node = new AuditTreeNode(node.Level + 1, node.Index >> 1);
                hash = HashChildren(left, hash);
                created.Add((node, hash));
                frontier[node] = hash;
            }

            size++;
        }

        return created;
    }
}
