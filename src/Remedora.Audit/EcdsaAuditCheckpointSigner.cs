using System.Security.Cryptography;

namespace Remedora.Audit;

/// <summary>
/// Signs checkpoints with ECDSA over P-256 and SHA-256. Auditors check signatures with the public key alone, so
/// whoever verifies cannot forge a checkpoint.
/// </summary>
public sealed class EcdsaAuditCheckpointSigner : IAuditCheckpointSigner
{
    /// <summary>The algorithm name.</summary>
    public const string AlgorithmName = "ECDSA-P256-SHA256";

    private readonly ECDsa? _signingKey;
    private readonly Dictionary<string, ECDsa> _verificationKeys;

    /// <summary>Initializes a new instance of the <see cref="EcdsaAuditCheckpointSigner"/> class.</summary>
    /// <param name="keyId">The id of the signing key.</param>
    /// <param name="signingKey">The private key that signs new checkpoints; <see langword="null"/> for a verify-only signer.</param>
    /// <param name="verificationKeys">Public keys by id, for checking checkpoints (include the signing key's public half, and retired keys).</param>
    /// <exception cref="ArgumentException">A key is not on the P-256 curve, or the signing key's id has no verification key.</exception>
    public EcdsaAuditCheckpointSigner(string keyId, ECDsa? signingKey, IReadOnlyDictionary<string, ECDsa> verificationKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentNullException.ThrowIfNull(verificationKeys);
        if (signingKey is not null && signingKey.KeySize != 256)
        {
            throw new ArgumentException("The signing key must be an ECDSA P-256 key.", nameof(signingKey));
        }

        _verificationKeys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var (id, key) in verificationKeys)
        {
            if (key is null || key.KeySize != 256)
            {
                throw new ArgumentException($"Verification key '{id}' must be an ECDSA P-256 key.", nameof(verificationKeys));
            }

            _verificationKeys[id] = key;
        }

        if (!_verificationKeys.ContainsKey(keyId))
        {
            throw new ArgumentException($"The verification keys must include '{keyId}', the public half of the signing key.", nameof(verificationKeys));
        }

        KeyId = keyId;
        _signingKey = signingKey;
    }

    /// <inheritdoc/>
    public string Algorithm => AlgorithmName;

    /// <inheritdoc/>
    public string KeyId { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The signer was created without a signing key.</exception>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (_signingKey is null)
        {
            throw new InvalidOperationException("This checkpoint signer only verifies: it was created without a signing key.");
        }

        return ValueTask.FromResult(_signingKey.SignData(payload.Span, HashAlgorithmName.SHA256));
    }

    /// <inheritdoc/>
    public ValueTask<bool> VerifyAsync(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature, string algorithm, string keyId, CancellationToken cancellationToken = default)
    {
        if (algorithm != AlgorithmName || keyId is null || !_verificationKeys.TryGetValue(keyId, out var key))
        {
            return ValueTask.FromResult(false);
        }

        return ValueTask.FromResult(key.VerifyData(payload.Span, signature.Span, HashAlgorithmName.SHA256));
    }
}
