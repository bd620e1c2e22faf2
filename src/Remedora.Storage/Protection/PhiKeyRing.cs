namespace Remedora.Storage.Protection;

/// <summary>An <see cref="IPhiKeyProvider"/> over keys held in memory.</summary>
public sealed class PhiKeyRing : IPhiKeyProvider
{
    private readonly Dictionary<string, PhiKey> _keys;

    /// <summary>Initializes a new instance of the <see cref="PhiKeyRing"/> class.</summary>
    /// <param name="keys">Every key that may still be needed to decrypt, including the current one.</param>
    /// <param name="currentKeyId">The id of the key that encrypts new values.</param>
    /// <param name="blindIndexKey">The blind-index key: at least 32 random bytes, different from every data key.</param>
    /// <exception cref="ArgumentException">The current key is missing, an id repeats or the blind-index key is too short.</exception>
    public PhiKeyRing(IEnumerable<PhiKey> keys, string currentKeyId, ReadOnlySpan<byte> blindIndexKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, PhiKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"PHI key id '{key.Id}' appears twice.", nameof(keys));
            }
        }

        CurrentKey = _keys.TryGetValue(currentKeyId, out var current)
            ? current
            : throw new ArgumentException($"No PHI key has the id '{currentKeyId}'.", nameof(currentKeyId));
        if (blindIndexKey.Length < PhiKey.KeyLength)
        {
            throw new ArgumentException($"The blind-index key needs at least {PhiKey.KeyLength} bytes.", nameof(blindIndexKey));
        }

        BlindIndexKey = blindIndexKey.ToArray();
    }

    /// <inheritdoc/>
    public PhiKey CurrentKey { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> BlindIndexKey { get; }

    /// <summary>Gets the ids of every key in the ring.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <inheritdoc/>
    public PhiKey? FindKey(string keyId) => keyId is not null && _keys.TryGetValue(keyId, out var key) ? key : null;
}
