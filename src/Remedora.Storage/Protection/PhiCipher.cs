using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Remedora.Storage.Protection;

/// <summary>
/// Encrypts and decrypts single field values with AES-256-GCM under the keys of an <see cref="IPhiKeyProvider"/>.
/// A protected value is the text <c>$phi1.&lt;key id&gt;.&lt;base64url(nonce || tag || ciphertext)&gt;</c>: the key id
/// travels with the ciphertext, so values written under an older key still decrypt after a rotation.
/// </summary>
/// <remarks>
/// Each value gets a fresh random 96-bit nonce. The associated data binds the ciphertext to a context (the protecting
/// codec uses collection, type and property), so a value copied into another field does not decrypt. Thread-safe.
/// </remarks>
public sealed class PhiCipher
{
    /// <summary>The prefix of every protected value.</summary>
    public const string Prefix = "$phi1.";

    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly IPhiKeyProvider _keys;
    private readonly ConcurrentDictionary<PhiKey, ConcurrentBag<AesGcm>> _pools = new();

    /// <summary>Initializes a new instance of the <see cref="PhiCipher"/> class.</summary>
    /// <param name="keys">The keys.</param>
    public PhiCipher(IPhiKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Determines whether a text is a protected value.</summary>
    /// <param name="value">The text.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="Prefix"/>.</returns>
    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Gets the id of the key a protected value was encrypted with.</summary>
    /// <param name="value">The protected value.</param>
    /// <returns>The key id, or <see langword="null"/> when the text is not a protected value.</returns>
    public static string? KeyIdOf(string value)
    {
        if (!IsProtected(value))
        {
            return null;
        }

        var end = value.IndexOf('.', Prefix.Length);
        return end < 0 ? null : value[Prefix.Length..end];
    }

    /// <summary>Encrypts a value with the current key.</summary>
    /// <param name="plaintext">The value's bytes.</param>
    /// <param name="context">The associated data the ciphertext is bound to; the same context is needed to decrypt.</param>
    /// <returns>The protected value.</returns>
    public string Protect(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var key = _keys.CurrentKey;
        var payloadLength = NonceLength + TagLength + plaintext.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(payloadLength);
        try
        {
            var payload = buffer.AsSpan(0, payloadLength);
            var nonce = payload[..NonceLength];
            RandomNumberGenerator.Fill(nonce);
            var aes = Rent(key);
            try
            {
                aes.Encrypt(nonce, plaintext, payload[(NonceLength + TagLength)..], payload.Slice(NonceLength, TagLength), context);
            }
            finally
            {
                Return(key, aes);
            }

            var length = Prefix.Length + key.Id.Length + 1 + Base64Url.GetEncodedLength(payloadLength);
            return string.Create(length, (key.Id, buffer, payloadLength), static (chars, state) =>
            {
                Prefix.CopyTo(chars);
                state.Id.CopyTo(chars[Prefix.Length..]);
                chars[Prefix.Length + state.Id.Length] = '.';
                Base64Url.EncodeToChars(state.buffer.AsSpan(0, state.payloadLength), chars[(Prefix.Length + state.Id.Length + 1)..]);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decrypts a protected value.</summary>
    /// <param name="value">The protected value.</param>
    /// <param name="context">The associated data it was encrypted with.</param>
    /// <returns>The value's bytes.</returns>
    /// <exception cref="PhiDecryptionException">The value is malformed, its key is unknown, or it was altered or moved to another context.</exception>
    public byte[] Unprotect(string value, ReadOnlySpan<byte> context)
    {
        ArgumentNullException.ThrowIfNull(value);
        var keyId = KeyIdOf(value) ?? throw new PhiDecryptionException(null, "the value is not a protected value");
        var key = _keys.FindKey(keyId) ?? throw new PhiDecryptionException(keyId, "the key is not in the key ring; add the retired key back to read values written with it");
        var encoded = value.AsSpan(Prefix.Length + keyId.Length + 1);
        var maxLength = Base64Url.GetMaxDecodedLength(encoded.Length);
        var payload = maxLength <= 4096 ? stackalloc byte[maxLength] : new byte[maxLength];
        if (Base64Url.DecodeFromChars(encoded, payload, out _, out var written) != System.Buffers.OperationStatus.Done || written < NonceLength + TagLength)
        {
            throw new PhiDecryptionException(keyId, "the value is malformed");
        }

        payload = payload[..written];
        var plaintext = new byte[written - NonceLength - TagLength];
        var aes = Rent(key);
        try
        {
            aes.Decrypt(payload[..NonceLength], payload[(NonceLength + TagLength)..], payload.Slice(NonceLength, TagLength), plaintext, context);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new PhiDecryptionException(keyId, "the value was altered, or copied from another field or record kind", ex);
        }
        finally
        {
            Return(key, aes);
        }

        return plaintext;
    }

    /// <summary>Encrypts a text value (UTF-8) with the current key.</summary>
    /// <param name="plaintext">The text.</param>
    /// <param name="context">The associated data, as text.</param>
    /// <returns>The protected value.</returns>
    public string Protect(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(context);
        return Protect(Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(context));
    }

    /// <summary>Decrypts a protected text value.</summary>
    /// <param name="value">The protected value.</param>
    /// <param name="context">The associated data it was encrypted with, as text.</param>
    /// <returns>The text.</returns>
    /// <exception cref="PhiDecryptionException">The value cannot be decrypted.</exception>
    public string UnprotectText(string value, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Encoding.UTF8.GetString(Unprotect(value, Encoding.UTF8.GetBytes(context)));
    }

    private AesGcm Rent(PhiKey key)
        => _pools.GetOrAdd(key, static _ => []).TryTake(out var aes) ? aes : new AesGcm(key.Material.Span, TagLength);

    private void Return(PhiKey key, AesGcm aes) => _pools.GetOrAdd(key, static _ => []).Add(aes);
}
