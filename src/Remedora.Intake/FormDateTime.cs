using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>
/// A date and time that may be partial, as FHIR <c>dateTime</c> allows: <c>2024</c>, <c>2024-05</c>, <c>2024-05-17</c>,
/// or a date with a time (<c>2024-05-17T09:30:00+02:00</c>). The text form is kept exactly as given.
/// </summary>
/// <remarks>
/// Values with a time compare as instants (a time without an offset is taken as UTC) on the precision they share.
/// When two values are equal on their shared precision but differ in precision, the order is unknown and
/// <see cref="CompareTo(FormDateTime)"/> returns <see langword="null"/>.
/// </remarks>
[JsonConverter(typeof(FormDateTimeJsonConverter))]
public readonly struct FormDateTime : IEquatable<FormDateTime>, ISpanParsable<FormDateTime>
{
    private readonly string? _text;
    private readonly FormDate _date;
    private readonly long _timeTicks;
    private readonly short _offsetMinutes;
    private readonly bool _hasOffset;
    private readonly DatePrecision _precision;

    private FormDateTime(string text, FormDate date, long timeTicks, DatePrecision precision, bool hasOffset, short offsetMinutes)
    {
        _text = text;
        _date = date;
        _timeTicks = timeTicks;
        _precision = precision;
        _hasOffset = hasOffset;
        _offsetMinutes = offsetMinutes;
    }

    /// <summary>Gets the date part.</summary>
    public FormDate Date => _date;

    /// <summary>Gets the time of day, when the value has a time.</summary>
    /// <value>The time; <see langword="null"/> for a date-only value.</value>
    public TimeOnly? Time => _precision >= DatePrecision.Minute ? new TimeOnly(_timeTicks) : null;

    /// <summary>Gets the offset from UTC, when one was given.</summary>
    /// <value>The offset; <see langword="null"/> when the value has no time or no offset.</value>
    public TimeSpan? Offset => _hasOffset ? TimeSpan.FromMinutes(_offsetMinutes) : null;

    /// <summary>Gets how much of the value is known.</summary>
    public DatePrecision Precision => _precision;

    /// <summary>Gets a value indicating whether this is the <see langword="default"/> value, which names no time.</summary>
    public bool IsEmpty => _text is null;

    /// <summary>Creates a value from an instant, to the second (with fractions when it has them).</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The value, with the instant's offset.</returns>
    public static FormDateTime FromDateTimeOffset(DateTimeOffset value)
    {
        var format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ssK" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK";
        var text = value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)
            : value.ToString(format, CultureInfo.InvariantCulture);
        return Parse(text);
    }

    /// <summary>Converts a value to an instant.</summary>
    /// <returns>The instant (UTC when the value has no offset); <see langword="null"/> when the value has no time.</returns>
    public DateTimeOffset? ToDateTimeOffset()
    {
        if (_precision < DatePrecision.Minute)
        {
            return null;
        }

        var local = new DateTime(_date.Year, _date.Month, _date.Day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(_timeTicks);
        return new DateTimeOffset(local, _hasOffset ? TimeSpan.FromMinutes(_offsetMinutes) : TimeSpan.Zero);
    }

    /// <summary>Converts an instant to a <see cref="FormDateTime"/>.</summary>
    /// <param name="value">The instant.</param>
    public static implicit operator FormDateTime(DateTimeOffset value) => FromDateTimeOffset(value);

    /// <summary>Parses a FHIR dateTime.</summary>
    /// <param name="s">The text, for example <c>2024-05-17T09:30:00Z</c> or <c>2024-05</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not such a value.</exception>
    public static FormDateTime Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; the format is culture-invariant.</param>
    public static FormDateTime Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; the format is culture-invariant.</param>
    public static FormDateTime Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TryParse(s, provider, out var result)
            ? result
            : throw new FormatException("The value is not a valid date and time: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with an optional fraction and offset (for example 2024-05-17T09:30:00+02:00).");

    /// <summary>Tries to parse a FHIR dateTime.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The value when parsing succeeded.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out FormDateTime result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string, out FormDateTime)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The value when parsing succeeded.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FormDateTime result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, out FormDateTime)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The value when parsing succeeded.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out FormDateTime result)
    {
        result = default;
        var t = s.IndexOf('T');
        var datePart = t < 0 ? s : s[..t];
        if (!FormDate.TryParse(datePart, null, out var date))
        {
            return false;
        }

        if (t < 0)
        {
            result = new FormDateTime(s.ToString(), date, 0, date.Precision, false, 0);
            return true;
        }

        if (date.Precision != DatePrecision.Day)
        {
            return false;
        }

        var rest = s[(t + 1)..];
        var hasOffset = false;
        var offsetMinutes = 0;
        if (rest.Length > 0 && rest[^1] == 'Z')
        {
            hasOffset = true;
            rest = rest[..^1];
        }
        else if (rest.Length > 6 && rest[^6] is '+' or '-' && rest[^3] == ':')
        {
            if (!FormDate.TryDigits(rest.Slice(rest.Length - 5, 2), out var oh) || !FormDate.TryDigits(rest[^2..], out var om) || oh > 14 || om > 59)
            {
                return false;
            }

            hasOffset = true;
            offsetMinutes = ((oh * 60) + om) * (rest[^6] == '-' ? -1 : 1);
            rest = rest[..^6];
        }

        if (!TryParseTime(rest, out var ticks, out var precision))
        {
            return false;
        }

        result = new FormDateTime(s.ToString(), date, ticks, precision, hasOffset, (short)offsetMinutes);
        return true;
    }

    /// <summary>Compares two values on the precision they share.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>
    /// A negative number, zero or a positive number; <see langword="null"/> when they are equal on their shared precision
    /// but differ in precision, or either is empty.
    /// </returns>
    public int? CompareTo(FormDateTime other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return null;
        }

        if (_precision >= DatePrecision.Minute && other._precision >= DatePrecision.Minute)
        {
            var shared = (DatePrecision)Math.Min((int)_precision, (int)other._precision);
            var a = Truncate(ToDateTimeOffset()!.Value.UtcTicks, shared);
            var b = Truncate(other.ToDateTimeOffset()!.Value.UtcTicks, shared);
            var c = a.CompareTo(b);
            return c != 0 ? c : _precision == other._precision ? 0 : null;
        }

        var dc = _date.CompareTo(other._date);
        if (dc is null or not 0)
        {
            return dc;
        }

        return _precision == other._precision ? 0 : null;
    }

    /// <summary>Compares this value with a date on the precision they share.</summary>
    /// <param name="other">The date.</param>
    /// <returns>As <see cref="CompareTo(FormDateTime)"/>.</returns>
    public int? CompareTo(FormDate other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return null;
        }

        var c = _date.CompareTo(other);
        if (c is null or not 0)
        {
            return c;
        }

        return _precision == other.Precision ? 0 : null;
    }

    /// <summary>Returns the text form exactly as given.</summary>
    /// <returns>The FHIR text form.</returns>
    public override string ToString() => _text ?? string.Empty;

    /// <inheritdoc/>
    public bool Equals(FormDateTime other) => string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FormDateTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Compares two values for equality of their text forms.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both have the same text form.</returns>
    public static bool operator ==(FormDateTime left, FormDateTime right) => left.Equals(right);

    /// <summary>Compares two values for inequality of their text forms.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the text forms differ.</returns>
    public static bool operator !=(FormDateTime left, FormDateTime right) => !left.Equals(right);

    internal static bool TryParseTime(ReadOnlySpan<char> s, out long ticks, out DatePrecision precision)
    {
        ticks = 0;
        precision = DatePrecision.Minute;
        if (s.Length < 5 || s[2] != ':' || !FormDate.TryDigits(s[..2], out var h) || !FormDate.TryDigits(s.Slice(3, 2), out var m) || h > 23 || m > 59)
        {
            return false;
        }

        ticks = (h * TimeSpan.TicksPerHour) + (m * TimeSpan.TicksPerMinute);
        if (s.Length == 5)
        {
            return true;
        }

        if (s.Length < 8 || s[5] != ':' || !FormDate.TryDigits(s.Slice(6, 2), out var sec) || sec > 59)
        {
            return false;
        }

        ticks += sec * TimeSpan.TicksPerSecond;
        precision = DatePrecision.Second;
        if (s.Length == 8)
        {
            return true;
        }

        var fraction = s[9..];
        if (s[8] != '.' || fraction.IsEmpty || fraction.Length > 9 || !FormDate.TryDigits(fraction, out _))
        {
            return false;
        }

        long f = 0;
        for (var i = 0; i < 7; i++)
        {
            f = (f * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        ticks += f;
        precision = DatePrecision.Fraction;
        return true;
    }

    private static long Truncate(long ticks, DatePrecision precision) => precision switch
    {
        DatePrecision.Minute => ticks - (ticks % TimeSpan.TicksPerMinute),
        DatePrecision.Second => ticks - (ticks % TimeSpan.TicksPerSecond),
        _ => ticks,
    };
}
