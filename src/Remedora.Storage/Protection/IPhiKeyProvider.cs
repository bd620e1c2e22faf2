namespace Remedora.Storage.Protection;

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
