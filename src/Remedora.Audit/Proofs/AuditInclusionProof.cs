using System.Text;
using System.Text.Json;

namespace Remedora.Audit.Proofs;

/// <summary>
/// Proof that one audit record is in a tenant's log: the record's canonical bytes (the tree's leaf), its place, the
/// tree size it is proven against and the audit path (RFC 9162, section 2.1.3). Hand it over with the signed
/// <see cref="AuditCheckpoint"/> of that tree size; the receiver checks it offline with <see cref="VerifyAsync"/>, or
/// with <see cref="Verify"/> against a root hash it trusts.
/// </summary>
public sealed record AuditInclusionProof
{
    /// <summary>The format name written into <see cref="Export"/>.</summary>
    public const string Format = "remedora.audit-inclusion-proof/1";

    /// <summary>Gets the tenant whose log holds the record.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the record's sequence number (its leaf index is one less).</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the size of the tree the proof is for (the sequence number of the checkpoint's last record).</summary>
    public required long TreeSize { get; init; }

    /// <summary>Gets the record's canonical bytes: compact UTF-8 JSON that names the tenant and the sequence number.</summary>
    public required ReadOnlyMemory<byte> Leaf { get; init; }

    /// <summary>Gets the audit path, from the leaf up: at most one hash per level of the tree.</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Path { get; init; }

    /// <summary>Verifies the proof against a root hash the caller trusts.</summary>
    /// <param name="rootHash">The tree's root hash at <see cref="TreeSize"/>.</param>
    /// <returns><see langword="true"/> when the leaf names this tenant and sequence and the path leads from it to the root.</returns>
    public bool Verify(ReadOnlySpan<byte> rootHash)
        => LeafNames(Leaf.Span, TenantId, Sequence)
            && AuditMerkleTree.VerifyInclusion(Sequence - 1, TreeSize, AuditMerkleTree.HashLeaf(Leaf.Span), Path, rootHash);

    /// <summary>
    /// Verifies the proof against a signed checkpoint: the checkpoint's signature, tenant and tree size, then the path
    /// to its root hash.
    /// </summary>
    /// <param name="checkpoint">The checkpoint of the proof's tree size.</param>
    /// <param name="signer">Verifies the checkpoint's signature (a verify-only signer with the public key is enough).</param>
    /// <param name="cancellationToken">A token to cancel the verification.</param>
    /// <returns><see langword="true"/> when everything holds.</returns>
    public async ValueTask<bool> VerifyAsync(AuditCheckpoint checkpoint, IAuditCheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signer);
        return checkpoint.TenantId == TenantId
            && checkpoint.Sequence == TreeSize
            && checkpoint.RootHash.Length == AuditMerkleTree.HashLength
            && await AuditCheckpoint.VerifySignatureAsync(checkpoint, signer, cancellationToken).ConfigureAwait(false)
            && Verify(checkpoint.RootHash.Span);
    }

    /// <summary>Exports the proof as JSON text, to hand over beside the checkpoint's <see cref="AuditCheckpoint.Export"/>.</summary>
    /// <returns>The text.</returns>
    public string Export()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("tenant", TenantId.Value);
            writer.WriteNumber("sequence", Sequence);
            writer.WriteNumber("treeSize", TreeSize);
            writer.WriteString("leaf", Convert.ToBase64String(Leaf.Span));
            ProofJson.WritePath(writer, Path);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a proof written by <see cref="Export"/>.</summary>
    /// <param name="json">The text.</param>
    /// <returns>The proof (not yet verified).</returns>
    /// <exception cref="AuditProofInvalidException">The text is not a well-formed proof.</exception>
    public static AuditInclusionProof Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new AuditProofInvalidException($"The text is not an audit inclusion proof: its format must be '{Format}'.");
            }

            return new AuditInclusionProof
            {
                TenantId = TenantId.Parse(root.GetProperty("tenant").GetString() ?? string.Empty),
                Sequence = root.GetProperty("sequence").GetInt64(),
                TreeSize = root.GetProperty("treeSize").GetInt64(),
                Leaf = Convert.FromBase64String(root.GetProperty("leaf").GetString() ?? string.Empty),
                Path = ProofJson.ReadPath(root),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AuditProofInvalidException("The text is not a well-formed audit inclusion proof: export proofs with AuditInclusionProof.Export and import the text unchanged.", ex);
        }
    }

    /// <summary>Whether canonical bytes name the tenant and the sequence number (so a leaf cannot be presented as another record).</summary>
    private static bool LeafNames(ReadOnlySpan<byte> leaf, TenantId tenantId, long sequence)
    {
        try
        {
            var reader = new Utf8JsonReader(leaf);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var value) && value == sequence
                && root.TryGetProperty("tenant", out var tenant) && tenant.GetString() == tenantId.Value;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
