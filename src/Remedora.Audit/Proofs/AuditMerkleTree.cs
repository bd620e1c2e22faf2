using System.Security.Cryptography;

namespace Remedora.Audit.Proofs;

/// <summary>
/// The Merkle tree hash of RFC 6962 / RFC 9162 (section 2.1) with SHA-256, and the verification of its inclusion and
/// consistency proofs: everything a receiver needs to check a proof offline, with nothing of the SDK's storage.
/// </summary>
/// <remarks>
/// <para>A leaf hashes as <c>SHA-256(0x00 || leaf)</c>, an interior node as <c>SHA-256(0x01 || left || right)</c>; the
/// tree over <c>n</c> leaves splits at the largest power of two smaller than <c>n</c>. The empty tree's hash is
/// <c>SHA-256()</c> of no bytes.</para>
/// <para>In a Remedora audit log, leaf <c>i</c> (from 0) is the canonical bytes of record <c>i + 1</c>
/// (docs/audit-and-security.md gives their exact form).</para>
/// </remarks>
public static class AuditMerkleTree
{
    /// <summary>The length of a hash, in bytes.</summary>
    public const int HashLength = 32;

    /// <summary>Hashes a leaf: <c>SHA-256(0x00 || leaf)</c>.</summary>
    /// <param name="leaf">The leaf's bytes (a record's canonical bytes).</param>
    /// <returns>The 32-byte leaf hash.</returns>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0]);
        sha.AppendData(leaf);
        return sha.GetHashAndReset();
    }

    /// <summary>Hashes an interior node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>The 32-byte node hash.</returns>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashLength)];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashLength)..]);
        return SHA256.HashData(input);
    }

    /// <summary>
    /// Verifies an inclusion proof (RFC 9162, section 2.1.3.2): that the leaf with <paramref name="leafHash"/> is leaf
    /// <paramref name="leafIndex"/> of the tree of <paramref name="treeSize"/> leaves whose hash is <paramref name="rootHash"/>.
    /// </summary>
    /// <param name="leafIndex">The leaf's index, from 0.</param>
    /// <param name="treeSize">The tree's size.</param>
    /// <param name="leafHash">The leaf's hash (<see cref="HashLeaf"/>).</param>
    /// <param name="path">The audit path, from the leaf up.</param>
    /// <param name="rootHash">The tree's hash, from a trusted (signed) checkpoint.</param>
    /// <returns><see langword="true"/> when the proof holds.</returns>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<ReadOnlyMemory<byte>> path, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != HashLength || rootHash.Length != HashLength)
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (p.Length != HashLength || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashChildren(p.Span, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = HashChildren(r, p.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>
    /// Verifies a consistency proof (RFC 9162, section 2.1.4.2): that the tree of <paramref name="secondSize"/> leaves
    /// with hash <paramref name="secondRoot"/> extends the tree of <paramref name="firstSize"/> leaves with hash
    /// <paramref name="firstRoot"/> (its first leaves are exactly the earlier tree's).
    /// </summary>
    /// <param name="firstSize">The earlier tree's size (at least 1).</param>
    /// <param name="secondSize">The later tree's size (at least <paramref name="firstSize"/>).</param>
    /// <param name="firstRoot">The earlier tree's hash.</param>
    /// <param name="secondRoot">The later tree's hash.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <returns><see langword="true"/> when the proof holds.</returns>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<ReadOnlyMemory<byte>> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (firstSize < 1 || secondSize < firstSize || firstRoot.Length != HashLength || secondRoot.Length != HashLength || proof.Any(p => p.Length != HashLength))
        {
            return false;
        }

        if (firstSize == secondSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(firstRoot, secondRoot);
        }

        var path = new List<ReadOnlyMemory<byte>>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof);
        if (path.Count == 0)
        {
            return false;
        }

        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0].ToArray();
        var sr = path[0].ToArray();
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i].Span;
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = HashChildren(c, fr);
                sr = HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, firstRoot) && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }
}
