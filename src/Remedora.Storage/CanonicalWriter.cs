using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Remedora.Storage;

/// <summary>
/// Writes an audit record's canonical bytes into a reused buffer: compact UTF-8 JSON with a fixed member order and
/// <see cref="Utf8JsonWriter"/>'s default escaping, byte for byte what a <see cref="Utf8JsonWriter"/> writes for the
/// same members, without its allocations. One instance per thread (<see cref="ForCurrentThread"/>); not thread-safe.
/// </summary>
internal sealed class CanonicalWriter
{
    private static readonly string[] RoleNames = Enum.GetNames<ActorRole>();
    private static readonly ActorRole[] RoleValues = Enum.GetValues<ActorRole>();
    private static readonly string[] ActionNames = Enum.GetNames<AuditAction>();
    private static readonly AuditAction[] ActionValues = Enum.GetValues<AuditAction>();
    private static readonly string[] OutcomeNames = Enum.GetNames<AuditOutcome>();
    private static readonly AuditOutcome[] OutcomeValues = Enum.GetValues<AuditOutcome>();

    /// <summary>Printable ASCII that the default JavaScript encoder leaves alone: such text is copied as it is.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    [ThreadStatic]
    private static CanonicalWriter? _current;

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>Gets the bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Gets this thread's writer, empty.</summary>
    public static CanonicalWriter ForCurrentThread()
    {
        var writer = _current ??= new CanonicalWriter();
        writer._length = 0;
        return writer;
    }

    /// <summary>Zeroes what was written (audit values do not linger in the reused buffer) and empties the writer.</summary>
    public void Clear()
    {
        _buffer.AsSpan(0, _length).Clear();
        _length = 0;
    }

    /// <summary>Appends raw bytes (for example the previous hash ahead of the canonical bytes).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends the canonical bytes of a record.</summary>
    public void WriteCanonical(long sequence, AuditEvent e)
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
        AppendString(e.ResourceId);
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
        AppendString(e.PurposeOfUse?.Code);
        Append(",\"source\":"u8);
        if (e.Source is { } source)
        {
            Append("{\"app\":"u8);
            AppendString(source.Application);
            Append(",\"addr\":"u8);
            AppendString(source.NetworkAddress);
            Append(",\"device\":"u8);
            AppendString(source.Device);
            Append("}"u8);
        }
        else
        {
            Append("null"u8);
        }

        Append(",\"corr\":"u8);
        AppendString(e.CorrelationId);
        Append(",\"breakGlass\":"u8);
        AppendString(e.BreakGlassReason);
        Append(",\"detail\":"u8);
        AppendString(e.Detail);
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

    /// <summary>Appends a JSON string, or <c>null</c> for a null value (as <see cref="Utf8JsonWriter.WriteString(string, string?)"/> does).</summary>
    private void AppendString(string? value)
    {
        if (value is null)
        {
            Append("null"u8);
            return;
        }

        if (!value.AsSpan().ContainsAnyExcept(Plain))
        {
            Ensure(value.Length + 2);
            _buffer[_length++] = (byte)'"';
            Ascii.FromUtf16(value, _buffer.AsSpan(_length), out var written);
            _length += written;
            _buffer[_length++] = (byte)'"';
            return;
        }

        // Anything else goes through the encoder Utf8JsonWriter uses by default, after replacing a lone surrogate with
        // U+FFFD as Utf8JsonWriter does (the encoder alone would refuse it).
        var encoded = JsonEncodedText.Encode(ReplaceLoneSurrogates(value)).EncodedUtf8Bytes;
        Ensure(encoded.Length + 2);
        _buffer[_length++] = (byte)'"';
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
        _buffer[_length++] = (byte)'"';
    }

    private static string ReplaceLoneSurrogates(string value)
    {
        char[]? replaced = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            replaced ??= value.ToCharArray();
            replaced[i] = '\uFFFD';
        }

        return replaced is null ? value : new string(replaced);
    }

    /// <summary>Appends the time as <c>"yyyy-MM-ddTHH:mm:ss.ffffffZ"</c> in UTC.</summary>
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

    private void Ensure(int additional)
    {
        if (_length + additional > _buffer.Length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, _length + additional)];
            _buffer.AsSpan(0, _length).CopyTo(larger);
            _buffer.AsSpan(0, _length).Clear();
            _buffer = larger;
        }
    }
}
