using System.Security.Cryptography;
using Remedora.Audit.Proofs;

namespace Remedora.Audit.Tests;

/// <summary>
/// Inclusion and consistency proofs for generated logs of random sizes, against a reference written here from the
/// definitions of RFC 9162 section 2.1 (recursive MTH, PATH and SUBPROOF over the leaves, no stored nodes): every proof
/// equals the reference proof and verifies, and every altered proof, leaf, root, index or size fails.
/// </summary>
public sealed class MerkleProofPropertyTests
{
    [Fact]
    public void InclusionProof_RandomLogSizes_MatchesReferenceVerifiesAndFailsWhenAltered()
    {
        var random = new Random(6962);
        for (var round = 0; round < 60; round++)
        {
            var size = round < 20 ? round + 1 : random.Next(1, 700);
            var leaves = Leaves(random, size);
            var root = Reference.Mth(leaves);
            var indexes = size <= 40 ? Enumerable.Range(0, size) : Enumerable.Range(0, 40).Select(_ => random.Next(size));
            foreach (var index in indexes)
            {
                var proof = Build(leaves, MerkleRanges.Inclusion(index, size));
                Assert.Equal(Reference.Path(index, leaves).Select(Convert.ToHexString), proof.Select(p => Convert.ToHexString(p.Span)));
                var leafHash = AuditMerkleTree.HashLeaf(leaves[index]);
                Assert.True(AuditMerkleTree.VerifyInclusion(index, size, leafHash, proof, root));

                Assert.False(AuditMerkleTree.VerifyInclusion(index, size, AuditMerkleTree.HashLeaf(Flip(random, leaves[index])), proof, root));
                Assert.False(AuditMerkleTree.VerifyInclusion(index, size, leafHash, proof, Flip(random, root)));
                if (proof.Count > 0)
                {
                    var altered = proof.ToList();
                    var at = random.Next(altered.Count);
                    altered[at] = Flip(random, altered[at].ToArray());
                    Assert.False(AuditMerkleTree.VerifyInclusion(index, size, leafHash, altered, root));
                    Assert.False(AuditMerkleTree.VerifyInclusion(index, size, leafHash, proof.Take(proof.Count - 1).ToList(), root));
                    Assert.False(AuditMerkleTree.VerifyInclusion(index, size, leafHash, [.. proof, proof[0]], root));
                }

                if (size > 1)
                {
                    var other = (index + 1 + random.Next(size - 1)) % size;
                    Assert.False(AuditMerkleTree.VerifyInclusion(other, size, leafHash, proof, root));
                    Assert.False(AuditMerkleTree.VerifyInclusion(index, size, AuditMerkleTree.HashLeaf(leaves[other]), proof, root));
                }

                Assert.False(AuditMerkleTree.VerifyInclusion(index, index, leafHash, proof, root));
            }
        }
    }

    [Fact]
    public void ConsistencyProof_RandomLogSizes_MatchesReferenceVerifiesAndFailsWhenAltered()
    {
        var random = new Random(9162);
        for (var round = 0; round < 80; round++)
        {
            var second = round < 16 ? round + 1 : random.Next(1, 700);
            var leaves = Leaves(random, second);
            var secondRoot = Reference.Mth(leaves);
            var firsts = second <= 16 ? Enumerable.Range(1, second) : Enumerable.Range(0, 25).Select(_ => random.Next(1, second + 1));
            foreach (var first in firsts)
            {
                var firstRoot = Reference.Mth(leaves.Take(first).ToArray());
                var proof = Build(leaves, MerkleRanges.Consistency(first, second));
                Assert.Equal(Reference.Proof(first, leaves).Select(Convert.ToHexString), proof.Select(p => Convert.ToHexString(p.Span)));
                Assert.True(AuditMerkleTree.VerifyConsistency(first, second, firstRoot, secondRoot, proof));

                Assert.False(AuditMerkleTree.VerifyConsistency(first, second, Flip(random, firstRoot), secondRoot, proof));
                Assert.False(AuditMerkleTree.VerifyConsistency(first, second, firstRoot, Flip(random, secondRoot), proof));
                if (proof.Count > 0)
                {
                    var altered = proof.ToList();
                    var at = random.Next(altered.Count);
                    altered[at] = Flip(random, altered[at].ToArray());
                    Assert.False(AuditMerkleTree.VerifyConsistency(first, second, firstRoot, secondRoot, altered));
                    Assert.False(AuditMerkleTree.VerifyConsistency(first, second, firstRoot, secondRoot, proof.Skip(1).ToList()));
                }

                if (first < second)
                {
                    // A later tree whose earlier part was changed does not extend the earlier tree.
                    var rewritten = leaves.ToArray();
                    var changed = random.Next(first);
                    rewritten[changed] = Flip(random, rewritten[changed]);
                    var rewrittenProof = Build(rewritten, MerkleRanges.Consistency(first, second));
                    Assert.False(AuditMerkleTree.VerifyConsistency(first, second, firstRoot, Reference.Mth(rewritten), rewrittenProof));
                    Assert.False(AuditMerkleTree.VerifyConsistency(second, first, secondRoot, firstRoot, proof));
                }
            }
        }
    }

    [Fact]
    public void InclusionProof_MillionLeafTree_HasAtMostTwentyHashes()
    {
        var size = 1_000_000L;
        Assert.All(new long[] { 0, 1, 499_999, 524_287, 524_288, 999_999 }, index => Assert.InRange(MerkleRanges.Inclusion(index, size).Count, 1, 20));
        Assert.InRange(MerkleRanges.Consistency(123_456, size).Count, 1, 40);

        // Every range of a proof is made of at most one stored node per level.
        Assert.All(MerkleRanges.Inclusion(999_999, size), r => Assert.InRange(MerkleRanges.Nodes(r.Start, r.End).Count, 1, 20));
    }

    [Fact]
    public void HashLeafAndHashChildren_FollowRfc6962DomainSeparation()
    {
        var leaf = "record"u8.ToArray();
        Assert.Equal(SHA256.HashData([0, .. leaf]), AuditMerkleTree.HashLeaf(leaf));
        var left = SHA256.HashData("l"u8);
        var right = SHA256.HashData("r"u8);
        Assert.Equal(SHA256.HashData([1, .. left, .. right]), AuditMerkleTree.HashChildren(left, right));
    }

    private static byte[][] Leaves(Random random, int size)
        => Enumerable.Range(0, size).Select(i =>
        {
            // Distinct leaves of random length: the index first, then random bytes.
            var leaf = new byte[4 + random.Next(0, 40)];
            random.NextBytes(leaf);
            BitConverter.TryWriteBytes(leaf, i);
            return leaf;
        }).ToArray();

    private static byte[] Flip(Random random, byte[] bytes)
    {
        var copy = bytes.Length == 0 ? new byte[1] : bytes.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    /// <summary>Builds a proof the way the SDK does: each range from the stored aligned nodes it is made of (here computed by the reference).</summary>
    private static List<ReadOnlyMemory<byte>> Build(byte[][] leaves, List<(long Start, long End)> ranges)
        => ranges.Select(r => (ReadOnlyMemory<byte>)MerkleRanges.Combine(
            MerkleRanges.Nodes(r.Start, r.End).Select(n => (ReadOnlyMemory<byte>)Reference.Mth(leaves.Skip((int)(n.Index << n.Level)).Take(1 << n.Level).ToArray())).ToArray())).ToList();

    /// <summary>RFC 9162 section 2.1, transcribed: recursion over lists of leaves.</summary>
    private static class Reference
    {
        public static byte[] Mth(byte[][] d)
        {
            if (d.Length == 0)
            {
                return SHA256.HashData([]);
            }

            if (d.Length == 1)
            {
                return SHA256.HashData([0x00, .. d[0]]);
            }

            var k = K(d.Length);
            return SHA256.HashData([0x01, .. Mth(d[..k]), .. Mth(d[k..])]);
        }

        public static List<byte[]> Path(int m, byte[][] d)
        {
            if (d.Length == 1)
            {
                return [];
            }

            var k = K(d.Length);
            return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
        }

        public static List<byte[]> Proof(int m, byte[][] d) => m == d.Length ? [] : SubProof(m, d, true);

        private static List<byte[]> SubProof(int m, byte[][] d, bool b)
        {
            if (m == d.Length)
            {
                return b ? [] : [Mth(d)];
            }

            var k = K(d.Length);
            return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
        }

        /// <summary>The largest power of two smaller than n.</summary>
        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }

            return k;
        }
    }
}
