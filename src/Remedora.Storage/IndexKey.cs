using System.Buffers.Binary;
using System.Text;

namespace Remedora.Storage;

/// <summary>
/// The order-preserving byte encoding of index entries that every provider stores and compares (byte by byte, like
/// <c>memcmp</c>): comparing two encoded keys gives the order of their values, field by field, and the keys of all
/// values that start with a prefix of fields form one contiguous range.
/// </summary>
/// <remarks>
/// Each field is a tag and its bytes: <c>00</c> for null; <c>01</c>, the UTF-8 text with <c>00</c> escaped as <c>00 FF</c>,
/// and a <c>00</c> terminator; <c>02</c> and 8 big-endian bytes of a 64-bit integer with its sign bit flipped;
/// <c>03</c> and the same for an instant in microseconds since 0001-01-01 UTC. No field starts with <c>FF</c>, so
/// <see cref="Successor"/> of a prefix bounds every key that starts with it.
/// </remarks>
internal static class IndexKey
{
    public const byte Null = 0x00;

    /// <summary>Encodes stored values (text, 64-bit integers, instants or null).</summary>
    public static byte[] Encode(ReadOnlySpan<object?> values)
    {
        var buffer = new List<byte>(32);
        foreach (var value in values)
        {
            Append(buffer, value);
        }

        return [.. buffer];
    }

    /// <summary>Encodes a prefix of stored values and one more value.</summary>
    public static byte[] Encode(IReadOnlyList<object?> prefix, object? value)
    {
        var buffer = new List<byte>(32);
        foreach (var item in prefix)
        {
            Append(buffer, item);
        }

        Append(buffer, value);
        return [.. buffer];
    }

    /// <summary>Encodes a prefix of stored values and the tag of the next field's kind: the lowest key whose next field is not null.</summary>
    public static byte[] LowestNonNull(IReadOnlyList<object?> prefix, IndexFieldKind kind)
    {
        var buffer = new List<byte>(32);
        foreach (var item in prefix)
        {
            Append(buffer, item);
        }

        buffer.Add((byte)kind);
        return [.. buffer];
    }

    /// <summary>Gets the smallest key greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static byte[] Successor(byte[] prefix)
    {
        var next = new byte[prefix.Length + 1];
        prefix.CopyTo(next, 0);
        next[^1] = 0xFF;
        return next;
    }

    /// <summary>Compares two keys byte by byte (a shorter key that is a prefix of a longer one comes first).</summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    private static void Append(List<byte> buffer, object? value)
    {
        Span<byte> eight = stackalloc byte[8];
        switch (value)
        {
            case null:
                buffer.Add(Null);
                return;
            case string text:
                buffer.Add((byte)IndexFieldKind.Text);
                foreach (var b in Encoding.UTF8.GetBytes(text))
                {
                    buffer.Add(b);
                    if (b == 0x00)
                    {
                        buffer.Add(0xFF);
                    }
                }

                buffer.Add(0x00);
                return;
            case long number:
                buffer.Add((byte)IndexFieldKind.Number);
                BinaryPrimitives.WriteUInt64BigEndian(eight, unchecked((ulong)number ^ 0x8000_0000_0000_0000UL));
                break;
            case DateTimeOffset instant:
                buffer.Add((byte)IndexFieldKind.Time);
                BinaryPrimitives.WriteUInt64BigEndian(eight, unchecked((ulong)(StorageTime.Normalize(instant).UtcTicks / TimeSpan.TicksPerMicrosecond) ^ 0x8000_0000_0000_0000UL));
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} cannot be an index value; indexes hold text, 64-bit integers and instants.", nameof(value));
        }

        foreach (var b in eight)
        {
            buffer.Add(b);
        }
    }
}
