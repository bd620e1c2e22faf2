using Remedora.Storage;

namespace Remedora.Audit.Proofs;

/// <summary>
/// Which subtrees make up a proof (RFC 9162's PATH and SUBPROOF), as leaf ranges, and which stored complete subtrees
/// make up a range. Every range these produce starts at a multiple of its largest power-of-two part, so it is the
/// hash of a few stored aligned nodes combined from the right.
/// </summary>
internal static class MerkleRanges
{
    /// <summary>The ranges whose hashes form the inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves, from the leaf up.</summary>
    public static List<(long Start, long End)> Inclusion(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var ranges = new List<(long, long)>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    /// <summary>The ranges whose hashes form the consistency proof from a tree of <paramref name="first"/> leaves to one of <paramref name="second"/>.</summary>
    public static List<(long Start, long End)> Consistency(long first, long second)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(second, first);
        var ranges = new List<(long, long)>();
        if (first < second)
        {
            SubProof(first, 0, second, true, ranges);
        }

        return ranges;
    }

    /// <summary>The stored complete subtrees that make up a range, left to right (largest first).</summary>
    public static List<AuditTreeNode> Nodes(long start, long end)
    {
        var nodes = new List<AuditTreeNode>();
        while (start < end)
        {
            var level = 0;
            while (level < AuditTreeMaxLevel && start % (2L << level) == 0 && start + (2L << level) <= end)
            {
                level++;
            }

            nodes.Add(new AuditTreeNode(level, start >> level));
            start += 1L << level;
        }

        return nodes;
    }

    /// <summary>Combines the hashes of <see cref="Nodes"/> of a range into the range's hash.</summary>
    public static byte[] Combine(IReadOnlyList<ReadOnlyMemory<byte>> hashes)
    {
        var hash = hashes[^1].ToArray();
        for (var i = hashes.Count - 2; i >= 0; i--)
        {
            hash = AuditMerkleTree.HashChildren(hashes[i].Span, hash);
        }

        return hash;
    }

    private const int AuditTreeMaxLevel = 62;

    private static void Path(long m, long start, long n, List<(long, long)> ranges)
    {
        if (n == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, start, k, ranges);
            ranges.Add((start + k, start + n));
        }
        else
        {
            Path(m - k, start + k, n - k, ranges);
            ranges.Add((start, start + k));
        }
    }

    private static void SubProof(long m, long start, long n, bool complete, List<(long, long)> ranges)
    {
        if (m == n)
        {
            if (!complete)
            {
                ranges.Add((start, start + n));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, ranges);
            ranges.Add((start + k, start + n));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
