using System.Globalization;
using System.Text;
using System.Text.Json;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// A signed statement of a tenant's audit chain head at one moment: "record <see cref="Sequence"/> has hash
/// <see cref="Hash"/>". Saved outside the database (for example in write-once storage), it lets a later verification
/// detect a chain that was rewritten wholesale or cut back together with its head.
/// </summary>
/// <remarks>
/// <para>The signature covers the tenant, sequence, hash, Merkle root hash, creation time, algorithm and key id (see
/// <see cref="GetSignedPayload"/>). <see cref="Sequence"/> is also the size of the log's Merkle tree and
/// <see cref="RootHash"/> its RFC 6962 root, against which <see cref="Proofs.AuditInclusionProof"/> and
/// <see cref="Proofs.AuditConsistencyProof"/> verify. Checkpoints of format <c>remedora.audit-checkpoint/1</c> (made
/// before the tree existed) have no root hash and still verify as before.</para>
/// Create checkpoints with <see cref="AuditCheckpoints.CreateAsync"/>; move them with <see cref="Export"/> and
/// <see cref="AuditCheckpoints.ImportAsync"/>.
/// </remarks>
public sealed record AuditCheckpoint
{
    /// <summary>The format name written into exported checkpoints that carry a Merkle root hash.</summary>
    public const string Format = "remedora.audit-checkpoint/2";

    /// <summary>The format name of checkpoints without a Merkle root hash (made before the tree existed); still read and verified.</summary>
    public const string ChainOnlyFormat = "remedora.audit-checkpoint/1";

    /// <summary>Gets the tenant whose chain the checkpoint covers.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the sequence number of the head record (0 for an empty chain).</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the head record's hash (32 bytes).</summary>
    public required ReadOnlyMemory<byte> Hash { get; init; }

    /// <summary>Gets the root hash of the log's Merkle tree of <see cref="Sequence"/> records (RFC 6962, 32 bytes).</summary>
    /// <value>The root hash; empty for a checkpoint of format <see cref="ChainOnlyFormat"/>.</value>
    public ReadOnlyMemory<byte> RootHash { get; init; }

    /// <summary>Gets when the checkpoint was taken.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the signature algorithm, for example <c>HMAC-SHA256</c> or <c>ECDSA-P256-SHA256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Gets the id of the key that signed it.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the signature over <see cref="GetSignedPayload"/>.</summary>
    public required ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>Gets the bytes the signature covers: a fixed text form of every other field.</summary>
    /// <returns>The UTF-8 payload.</returns>
    public byte[] GetSignedPayload() => BuildPayload(TenantId, Sequence, Hash.Span, RootHash.Span, CreatedAt, Algorithm, KeyId);

    /// <summary>Exports the checkpoint as compact JSON for saving outside the database.</summary>
    /// <returns>The JSON text.</returns>
    public string Export()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("format", RootHash.IsEmpty ? ChainOnlyFormat : Format);
            writer.WriteString("tenant", TenantId.Value);
            writer.WriteNumber("sequence", Sequence);
            writer.WriteString("hash", Convert.ToHexStringLower(Hash.Span));
            if (!RootHash.IsEmpty)
            {
                writer.WriteString("rootHash", Convert.ToHexStringLower(RootHash.Span));
            }

            writer.WriteString("createdAt", FormatTime(CreatedAt));
            writer.WriteString("algorithm", Algorithm);
            writer.WriteString("keyId", KeyId);
            writer.WriteString("signature", Convert.ToBase64String(Signature.Span));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses an exported checkpoint without checking its signature (use <see cref="AuditCheckpoints.ImportAsync"/> to check it).</summary>
    /// <param name="json">The text <see cref="Export"/> produced.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="AuditCheckpointInvalidException">The text is not an exported checkpoint.</exception>
    public static AuditCheckpoint Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var format = root.ValueKind == JsonValueKind.Object ? root.GetProperty("format").GetString() : null;
            if (format is not (Format or ChainOnlyFormat))
            {
                throw new AuditCheckpointInvalidException($"The text is not an audit checkpoint: its format must be '{Format}' or '{ChainOnlyFormat}'.");
            }

            var rootHash = format == Format ? Convert.FromHexString(root.GetProperty("rootHash").GetString() ?? string.Empty) : [];
            if (format == Format && rootHash.Length != AuditChain.HashLength)
            {
                throw new AuditCheckpointInvalidException($"The checkpoint's root hash must have {AuditChain.HashLength} bytes (64 hex digits).");
            }

            var hash = Convert.FromHexString(root.GetProperty("hash").GetString() ?? string.Empty);
            if (hash.Length != AuditChain.HashLength)
            {
                throw new AuditCheckpointInvalidException($"The checkpoint's hash must have {AuditChain.HashLength} bytes (64 hex digits).");
            }

            return new AuditCheckpoint
            {
                TenantId = TenantId.Parse(root.GetProperty("tenant").GetString() ?? string.Empty),
                Sequence = root.GetProperty("sequence").GetInt64() is var sequence and >= 0 ? sequence : throw new AuditCheckpointInvalidException("The checkpoint's sequence must not be negative."),
                Hash = hash,
                RootHash = rootHash,
                CreatedAt = DateTimeOffset.ParseExact(root.GetProperty("createdAt").GetString() ?? string.Empty, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Algorithm = RequireText(root, "algorithm"),
                KeyId = RequireText(root, "keyId"),
                Signature = Convert.FromBase64String(root.GetProperty("signature").GetString() ?? string.Empty),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AuditCheckpointInvalidException("The text is not a well-formed audit checkpoint: export checkpoints with AuditCheckpoint.Export and import the text unchanged.", ex);
        }
    }

    /// <summary>Checks a checkpoint's signature.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="signer">The signer that knows the checkpoint's key.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static async ValueTask<bool> VerifySignatureAsync(AuditCheckpoint checkpoint, IAuditCheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signer);
        if (checkpoint.Hash.Length != AuditChain.HashLength || checkpoint.RootHash.Length is not (0 or AuditChain.HashLength))
        {
            return false;
        }

        return await signer.VerifyAsync(checkpoint.GetSignedPayload(), checkpoint.Signature, checkpoint.Algorithm, checkpoint.KeyId, cancellationToken).ConfigureAwait(false);
    }

    internal static byte[] BuildPayload(TenantId tenantId, long sequence, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rootHash, DateTimeOffset createdAt, string algorithm, string keyId)
    {
        // A checkpoint without a root hash keeps the payload of format 1 byte for byte, so its signature still verifies.
        var text = rootHash.IsEmpty
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{ChainOnlyFormat}\ntenant={tenantId.Value}\nsequence={sequence}\nhash={Convert.ToHexStringLower(hash)}\ncreatedAt={FormatTime(createdAt)}\nalgorithm={algorithm}\nkeyId={keyId}\n")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{Format}\ntenant={tenantId.Value}\nsequence={sequence}\nhash={Convert.ToHexStringLower(hash)}\nroot={Convert.ToHexStringLower(rootHash)}\ncreatedAt={FormatTime(createdAt)}\nalgorithm={algorithm}\nkeyId={keyId}\n");
        return Encoding.UTF8.GetBytes(text);
    }

    internal static string FormatTime(DateTimeOffset value)
        => StorageTime.Normalize(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string RequireText(JsonElement root, string name)
        => root.GetProperty(name).GetString() is { Length: > 0 } text ? text : throw new AuditCheckpointInvalidException($"The checkpoint's {name} is missing.");
}
