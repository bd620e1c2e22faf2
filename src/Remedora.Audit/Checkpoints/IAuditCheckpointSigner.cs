using System.Security.Cryptography;

namespace Remedora.Audit;

/// <summary>
/// Signs audit checkpoints and checks their signatures. The built-in signers hold their keys in memory
/// (<see cref="HmacAuditCheckpointSigner"/>, <see cref="EcdsaAuditCheckpointSigner"/>); implement this interface to keep
/// the key in a key management service or HSM and sign there.
/// </summary>
public interface IAuditCheckpointSigner
{
    /// <summary>Gets the algorithm new signatures use, for example <c>HMAC-SHA256</c>.</summary>
    string Algorithm { get; }

    /// <summary>Gets the id of the key new signatures use.</summary>
    string KeyId { get; }

    /// <summary>Signs a checkpoint payload with the current key.</summary>
    /// <param name="payload">The bytes to sign.</param>
    /// <param name="cancellationToken">A token to cancel signing.</param>
    /// <returns>The signature.</returns>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Checks a signature made with any key this signer knows (current or retired).</summary>
    /// <param name="payload">The signed bytes.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="algorithm">The algorithm the checkpoint names.</param>
    /// <param name="keyId">The key the checkpoint names.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns><see langword="true"/> when the key is known, the algorithm is the key's and the signature verifies.</returns>
    ValueTask<bool> VerifyAsync(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature, string algorithm, string keyId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Signs checkpoints with HMAC-SHA256 and secret keys of at least 32 bytes. Whoever can check a signature can also
/// make one, so keep the key away from the database's administrators; to let auditors check without being able to
/// sign, use <see cref="EcdsaAuditCheckpointSigner"/>.
/// </summary>
public sealed class HmacAuditCheckpointSigner : IAuditCheckpointSigner
{
    /// <summary>The algorithm name.</summary>
    public const string AlgorithmName = "HMAC-SHA256";

    /// <summary>The shortest accepted key, in bytes.</summary>
    public const int MinimumKeyLength = 32;

    private readonly Dictionary<string, byte[]> _keys;

    /// <summary>Initializes a new instance of the <see cref="HmacAuditCheckpointSigner"/> class.</summary>
    /// <param name="keys">The keys by id: the current one and any retired ones still needed to check old checkpoints.</param>
    /// <param name="currentKeyId">The id of the key that signs new checkpoints.</param>
    /// <exception cref="ArgumentException">The current key is missing or a key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public HmacAuditCheckpointSigner(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentKeyId);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (key is null || key.Length < MinimumKeyLength)
            {
                throw new ArgumentException($"Checkpoint key '{id}' has fewer than {MinimumKeyLength} bytes.", nameof(keys));
            }

            _keys[id] = key.ToArray();
        }

        if (!_keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"No checkpoint key has the id '{currentKeyId}'.", nameof(currentKeyId));
        }

        KeyId = currentKeyId;
    }

    /// <inheritdoc/>
    public string Algorithm => AlgorithmName;

    /// <inheritdoc/>
    public string KeyId { get; }

    /// <inheritdoc/>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(HMACSHA256.HashData(_keys[KeyId], payload.Span));

    /// <inheritdoc/>
    public ValueTask<bool> VerifyAsync(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature, string algorithm, string keyId, CancellationToken cancellationToken = default)
    {
        if (algorithm != AlgorithmName || keyId is null || !_keys.TryGetValue(keyId, out var key))
        {
            return ValueTask.FromResult(false);
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, payload.Span, expected);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(expected, signature.Span));
    }
}

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
