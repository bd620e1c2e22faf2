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
