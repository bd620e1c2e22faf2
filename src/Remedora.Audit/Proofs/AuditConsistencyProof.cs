using System.Text;
using System.Text.Json;

namespace Remedora.Audit.Proofs;

/// <summary>
/// Proof that a tenant's log at a later tree size extends the log at an earlier one: every record of the earlier
/// tree is still there, unchanged and in place (RFC 9162, section 2.1.4). Check it offline with
/// <see cref="VerifyAsync"/> against the two signed checkpoints, or with <see cref="Verify"/> against two trusted roots.
/// </summary>
public sealed record AuditConsistencyProof
{
    /// <summary>The format name written into <see cref="Export"/>.</summary>
    public const string Format = "remedora.audit-consistency-proof/1";

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the earlier tree size.</summary>
    public required long FirstSize { get; init; }

    /// <summary>Gets the later tree size.</summary>
    public required long SecondSize { get; init; }

    /// <summary>Gets the proof's hashes: at most about two per level of the tree.</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Path { get; init; }

    /// <summary>Verifies the proof against two root hashes the caller trusts.</summary>
    /// <param name="firstRoot">The root hash at <see cref="FirstSize"/>.</param>
    /// <param name="secondRoot">The root hash at <see cref="SecondSize"/>.</param>
    /// <returns><see langword="true"/> when the later tree extends the earlier one.</returns>
    public bool Verify(ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
        => AuditMerkleTree.VerifyConsistency(FirstSize, SecondSize, firstRoot, secondRoot, Path);

    /// <summary>Verifies the proof against two signed checkpoints of the tenant.</summary>
    /// <param name="first">The earlier checkpoint (of <see cref="FirstSize"/>).</param>
    /// <param name="second">The later checkpoint (of <see cref="SecondSize"/>).</param>
    /// <param name="signer">Verifies the checkpoints' signatures.</param>
    /// <param name="cancellationToken">A token to cancel the verification.</param>
    /// <returns><see langword="true"/> when both signatures hold and the later tree extends the earlier one.</returns>
    public async ValueTask<bool> VerifyAsync(AuditCheckpoint first, AuditCheckpoint second, IAuditCheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(signer);
        return first.TenantId == TenantId && second.TenantId == TenantId
            && first.Sequence == FirstSize && second.Sequence == SecondSize
            && await AuditCheckpoint.VerifySignatureAsync(first, signer, cancellationToken).ConfigureAwait(false)
            && await AuditCheckpoint.VerifySignatureAsync(second, signer, cancellationToken).ConfigureAwait(false)
            && Verify(first.RootHash.Span, second.RootHash.Span);
    }

    /// <summary>Exports the proof as JSON text.</summary>
    /// <returns>The text.</returns>
    public string Export()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("tenant", TenantId.Value);
            writer.WriteNumber("firstSize", FirstSize);
            writer.WriteNumber("secondSize", SecondSize);
            ProofJson.WritePath(writer, Path);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a proof written by <see cref="Export"/>.</summary>
    /// <param name="json">The text.</param>
    /// <returns>The proof (not yet verified).</returns>
    /// <exception cref="AuditProofInvalidException">The text is not a well-formed proof.</exception>
    public static AuditConsistencyProof Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new AuditProofInvalidException($"The text is not an audit consistency proof: its format must be '{Format}'.");
            }

            return new AuditConsistencyProof
            {
                TenantId = TenantId.Parse(root.GetProperty("tenant").GetString() ?? string.Empty),
                FirstSize = root.GetProperty("firstSize").GetInt64(),
                SecondSize = root.GetProperty("secondSize").GetInt64(),
                Path = ProofJson.ReadPath(root),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AuditProofInvalidException("The text is not a well-formed audit consistency proof: export proofs with AuditConsistencyProof.Export and import the text unchanged.", ex);
        }
    }
}
