using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Remedora.Storage;

/// <summary>
/// Encodes and decodes the keyset position of a query page: the last document's order value and key. Providers use
/// it so that storage-session tokens mean the same on every provider. Internal on purpose: it is plain text, so no
/// public entry point hands it to an actor; those seal it with <see cref="ContinuationTokenProtector"/>.
/// </summary>
internal static class ContinuationToken
{
    /// <summary>Encodes a position.</summary>
    /// <param name="orderValue">The last document's encoded entry in the order index (a byte array; text, a 64-bit integer or an instant are accepted for a single-field index), or <see langword="null"/> when ordering by key.</param>
    /// <param name="key">The last document's key.</param>
    /// <returns>The opaque token.</returns>
    public static string Encode(object? orderValue, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = orderValue switch
        {
            null => "n:",
            string s => "s:" + s,
            long l => "l:" + l.ToString(CultureInfo.InvariantCulture),
            DateTimeOffset t => "t:" + StorageTime.Normalize(t).UtcTicks.ToString(CultureInfo.InvariantCulture),
            byte[] entry => "b:" + Base64Url.EncodeToString(entry),
            _ => throw new ArgumentException($"A {orderValue.GetType().Name} cannot be an order value.", nameof(orderValue)),
        };
        var text = value.Length.ToString(CultureInfo.InvariantCulture) + "|" + value + key;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes a token produced by <see cref="Encode"/>.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The order value and the key.</returns>
    /// <exception cref="ArgumentException">The token is malformed.</exception>
    public static (object? OrderValue, string Key) Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            var length = int.Parse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture);
            var value = text.Substring(bar + 1, length);
            var key = text[(bar + 1 + length)..];
            object? orderValue = value[..2] switch
            {
                "n:" => null,
                "s:" => value[2..],
                "l:" => long.Parse(value.AsSpan(2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                "t:" => new DateTimeOffset(long.Parse(value.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero),
                "b:" => Base64Url.DecodeFromChars(value.AsSpan(2)),
                _ => throw new FormatException(),
            };
            return (orderValue, key);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new ArgumentException("The continuation token is malformed: pass the token of a previous page of the same query unchanged.", nameof(token), ex);
        }
    }
}
