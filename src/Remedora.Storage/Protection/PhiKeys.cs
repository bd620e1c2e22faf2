namespace Remedora.Storage.Protection;

/// <summary>A data-encryption key for PHI fields: its id (stored with every ciphertext) and its 32 bytes.</summary>
public sealed class PhiKey
{
    /// <summary>The length of a key, in bytes (AES-256).</summary>
    public const int KeyLength = 32;

    /// <summary>Initializes a new instance of the <see cref="PhiKey"/> class.</summary>
    /// <param name="id">The key id: 1 to 32 characters <c>A-Z</c>, <c>a-z</c>, <c>0-9</c>, <c>_</c> and <c>-</c>.</param>
    /// <param name="material">The key: 32 random bytes.</param>
    /// <exception cref="ArgumentException">The id or the key is invalid.</exception>
    public PhiKey(string id, ReadOnlySpan<byte> material)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException("A PHI key id has 1 to 32 characters A-Z, a-z, 0-9, '_' or '-'.", nameof(id));
        }

        if (material.Length != KeyLength)
        {
            throw new ArgumentException($"A PHI key has {KeyLength} bytes (AES-256).", nameof(material));
        }

        Id = id;
        Material = material.ToArray();
    }

    /// <summary>Gets the key id.</summary>
    public string Id { get; }

    /// <summary>Gets the key's bytes.</summary>
    public ReadOnlyMemory<byte> Material { get; }

    /// <summary>Returns the key id only.</summary>
    /// <returns>For example <c>PhiKey 2026-01</c>.</returns>
    public override string ToString() => $"PhiKey {Id}";

    /// <summary>Determines whether a text is a valid key id.</summary>
    /// <param name="id">The text.</param>
    /// <returns><see langword="true"/> when it has 1 to 32 characters <c>A-Z</c>, <c>a-z</c>, <c>0-9</c>, <c>_</c> and <c>-</c>.</returns>
    public static bool IsValidId(string? id)
        => id is { Length: > 0 and <= 32 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}

/// <summary>
/// Supplies the keys that protect PHI: the current data-encryption key, older ones by id (to read values written
/// before a rotation), and the key of the blind indexes. Implement it to take keys from a key management service
/// (for example unwrap data keys at start and cache them); the built-in <see cref="PhiKeyRing"/> holds them in memory.
/// </summary>
/// <remarks>Calls are synchronous and frequent (once per protected field): return cached keys.</remarks>
public interface IPhiKeyProvider
{
    /// <summary>Gets the key that encrypts new values.</summary>
    PhiKey CurrentKey { get; }

    /// <summary>Finds a key by id, to decrypt a value written with it.</summary>
    /// <param name="keyId">The key id stored with the ciphertext.</param>
    /// <returns>The key, or <see langword="null"/> when it is unknown (retired and removed).</returns>
    PhiKey? FindKey(string keyId);

    /// <summary>Gets the key of the keyed blind indexes (HMAC-SHA256) that let equality lookups work on protected fields.</summary>
    ReadOnlyMemory<byte> BlindIndexKey { get; }
}

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
