using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Recomputes record hashes quickly: writes the same canonical bytes as <see cref="AuditChain.WriteCanonical"/>
/// (compact JSON, fixed member order, default JSON escaping) straight into a reused buffer that already holds the
/// previous hash, then hashes it in one call. Not thread-safe: one instance per verification.
/// </summary>
internal sealed class RecordHasher
{
    private const int HashLength = AuditChain.HashLength;

    private static readonly string[] RoleNames = Enum.GetNames<ActorRole>();
    private static readonly ActorRole[] RoleValues = Enum.GetValues<ActorRole>();
    private static readonly string[] ActionNames = Enum.GetNames<AuditAction>();
    private static readonly AuditAction[] ActionValues = Enum.GetValues<AuditAction>();
    private static readonly string[] OutcomeNames = Enum.GetNames<AuditOutcome>();
    private static readonly AuditOutcome[] OutcomeValues = Enum.GetValues<AuditOutcome>();

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>Determines whether a record's stored hash is the hash of its stored previous hash and its canonical bytes at <paramref name="sequence"/>.</summary>
    /// <param name="record">The record as stored.</param>
    /// <param name="sequence">The sequence number to put into the canonical bytes (the stored one, or a candidate position).</param>
    /// <returns><see langword="true"/> when the record is self-consistent at that sequence.</returns>
    public bool Verify(AuditRecord record, long sequence)
    {
        if (record.PreviousHash.Length != HashLength || record.Hash.Length != HashLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[HashLength];
        if (!TryComputeHash(record.PreviousHash.Span, sequence, record.Event, hash))
        {
            return false;
        }

        return hash.SequenceEqual(record.Hash.Span);
    }

    /// <summary>Computes a record's hash from a previous hash and its event at a sequence number.</summary>
    /// <param name="previousHash">The previous hash (32 bytes).</param>
    /// <param name="sequence">The sequence number.</param>
    /// <param name="auditEvent">The event as stored.</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    /// <returns><see langword="false"/> when the event cannot be written canonically (for example invalid UTF-16).</returns>
    public bool TryComputeHash(ReadOnlySpan<byte> previousHash, long sequence, AuditEvent auditEvent, Span<byte> destination)
    {
        _length = 0;
        Append(previousHash);
        try
        {
            WriteCanonical(sequence, auditEvent);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NullReferenceException)
        {
            return false;
        }

        SHA256.HashData(_buffer.AsSpan(0, _length), destination);
        return true;
    }

    /// <summary>Gets the canonical bytes last written (without the previous hash); for tests.</summary>
    internal ReadOnlySpan<byte> LastCanonical => _buffer.AsSpan(HashLength, _length - HashLength);

    private void WriteCanonical(long sequence, AuditEvent e)
    {
        Append("{\"v\":"u8);
        AppendNumber(AuditChain.CanonicalVersion);
        Append(",\"seq\":"u8);
        AppendNumber(sequence);
        Append(",\"tenant\":"u8);
        AppendString(e.TenantId.Value);
        Append(",\"at\":"u8);
        AppendTime(e.OccurredAt);
        Append(",\"actor\":"u8);
        AppendString(e.ActorId);
        Append(",\"role\":"u8);
        AppendString(NameOf(e.ActorRole, RoleValues, RoleNames));
        Append(",\"action\":"u8);
        AppendString(NameOf(e.Action, ActionValues, ActionNames));
        Append(",\"type\":"u8);
        AppendString(e.ResourceType);
        Append(",\"id\":"u8);
        AppendNullable(e.ResourceId);
        Append(",\"patient\":"u8);
        if (e.PatientId is { } patient)
        {
            Span<byte> id = stackalloc byte[38];
            id[0] = (byte)'"';
            patient.Value.TryFormat(id[1..], out var written, "D");
            id[written + 1] = (byte)'"';
            Append(id[..(written + 2)]);
        }
        else
        {
            Append("null"u8);
        }

        Append(",\"outcome\":"u8);
        AppendString(NameOf(e.Outcome, OutcomeValues, OutcomeNames));
        Append(",\"purpose\":"u8);
        AppendNullable(e.PurposeOfUse?.Code);
        Append(",\"source\":"u8);
        if (e.Source is { } source)
        {
            Append("{\"app\":"u8);
            AppendString(source.Application);
            Append(",\"addr\":"u8);
            AppendNullable(source.NetworkAddress);
            Append(",\"device\":"u8);
            AppendNullable(source.Device);
            Append("}"u8);
        }
        else
        {
            Append("null"u8);
        }

        Append(",\"corr\":"u8);
        AppendNullable(e.CorrelationId);
        Append(",\"breakGlass\":"u8);
        AppendNullable(e.BreakGlassReason);
        Append(",\"detail\":"u8);
        AppendNullable(e.Detail);
        Append(",\"disclosure\":"u8);
        if (e.Disclosure is { } disclosure)
        {
            Append("{\"recipient\":"u8);
            AppendString(disclosure.Recipient);
            Append(",\"purpose\":"u8);
            AppendString(disclosure.Purpose);
            Append(",\"description\":"u8);
            AppendString(disclosure.Description);
            Append("}}"u8);
        }
        else
        {
            Append("null}"u8);
        }
    }

    private static string NameOf<TEnum>(TEnum value, TEnum[] values, string[] names)
        where TEnum : struct, Enum
    {
        var index = Array.IndexOf(values, value);
        return index >= 0 ? names[index] : value.ToString();
    }

    private void AppendNullable(string? value)
    {
        if (value is null)
        {
            Append("null"u8);
        }
        else
        {
            AppendString(value);
        }
    }

    private void AppendString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlain(value))
        {
            Ensure(value.Length + 2);
            _buffer[_length++] = (byte)'"';
            for (var i = 0; i < value.Length; i++)
            {
                _buffer[_length++] = (byte)value[i];
            }

            _buffer[_length++] = (byte)'"';
            return;
        }

        // Anything else goes through the same encoder Utf8JsonWriter uses by default.
        var encoded = JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        Ensure(encoded.Length + 2);
        _buffer[_length++] = (byte)'"';
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
        _buffer[_length++] = (byte)'"';
    }

    private static bool IsPlain(string value)
    {
        foreach (var c in value)
        {
            // Printable ASCII that the default JavaScript encoder leaves alone.
            if (c < 0x20 || c > 0x7E || c is '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`')
            {
                return false;
            }
        }

        return true;
    }

    private void AppendTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        Span<byte> text = stackalloc byte[29];
        text[0] = (byte)'"';
        Write4(text[1..], utc.Year);
        text[5] = (byte)'-';
        Write2(text[6..], utc.Month);
        text[8] = (byte)'-';
        Write2(text[9..], utc.Day);
        text[11] = (byte)'T';
        Write2(text[12..], utc.Hour);
        text[14] = (byte)':';
        Write2(text[15..], utc.Minute);
        text[17] = (byte)':';
        Write2(text[18..], utc.Second);
        text[20] = (byte)'.';
        Utf8Formatter.TryFormat(fraction, text.Slice(21, 6), out _, new StandardFormat('D', 6));
        text[27] = (byte)'Z';
        text[28] = (byte)'"';
        Append(text);
    }

    private static void Write2(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
    }

    private static void Write4(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 1000));
        destination[1] = (byte)('0' + (value / 100 % 10));
        destination[2] = (byte)('0' + (value / 10 % 10));
        destination[3] = (byte)('0' + (value % 10));
    }

    private void AppendNumber(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int additional)
    {
        if (_length + additional > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + additional));
        }
    }
}
