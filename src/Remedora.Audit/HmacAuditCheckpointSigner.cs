using System.Security.Cryptography;

namespace Remedora.Audit;

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
