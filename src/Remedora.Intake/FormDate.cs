using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>
/// A date that may be partial, as FHIR <c>date</c> allows: a year (<c>2024</c>), a year and month (<c>2024-05</c>) or a
/// full date (<c>2024-05-17</c>).
/// </summary>
/// <remarks>
/// Dates of different precision compare on the precision they share; when they are equal there, the order is unknown
/// and <see cref="CompareTo(FormDate)"/> returns <see langword="null"/>.
/// </remarks>
[JsonConverter(typeof(FormDateJsonConverter))]
public readonly struct FormDate : IEquatable<FormDate>, ISpanParsable<FormDate>
{
    private readonly short _year;
    private readonly byte _month;
    private readonly byte _day;

    private FormDate(int year, int month, int day)
    {
        _year = (short)year;
        _month = (byte)month;
        _day = (byte)day;
    }

    /// <summary>Gets the year.</summary>
    public int Year => _year;

    /// <summary>Gets the month.</summary>
    /// <value>1 to 12; 0 when the precision is <see cref="DatePrecision.Year"/>.</value>
    public int Month => _month;

    /// <summary>Gets the day of the month.</summary>
    /// <value>1 to 31; 0 when the precision is coarser than <see cref="DatePrecision.Day"/>.</value>
    public int Day => _day;

    /// <summary>Gets how much of the date is known.</summary>
    public DatePrecision Precision => _day != 0 ? DatePrecision.Day : _month != 0 ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>Gets a value indicating whether this is the <see langword="default"/> value, which names no date.</summary>
    public bool IsEmpty => _year == 0;

    /// <summary>Creates a full date.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The date, with precision <see cref="DatePrecision.Day"/>.</returns>
    public static FormDate FromDateOnly(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>Creates a date of a year, or of a month of a year.</summary>
    /// <param name="year">The year, 1 to 9999.</param>
    /// <param name="month">The month, 1 to 12; <see langword="null"/> for the year only.</param>
    /// <returns>The partial date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A component is out of range.</exception>
    public static FormDate Partial(int year, int? month = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (month is { } m && (m < 1 || m > 12))
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be 1 to 12.");
        }

        return new FormDate(year, month ?? 0, 0);
    }

    /// <summary>Converts a full date to a <see cref="DateOnly"/>.</summary>
    /// <returns>The date; <see langword="null"/> when the date is partial or empty.</returns>
    public DateOnly? ToDateOnly() => Precision == DatePrecision.Day && !IsEmpty ? new DateOnly(Year, Month, Day) : null;

    /// <summary>Converts a date to a full <see cref="FormDate"/>.</summary>
    /// <param name="date">The date.</param>
    public static implicit operator FormDate(DateOnly date) => FromDateOnly(date);

    /// <summary>Parses a FHIR date (<c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The date.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not such a date.</exception>
    public static FormDate Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; the format is culture-invariant.</param>
    public static FormDate Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; the format is culture-invariant.</param>
    public static FormDate Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TryParse(s, provider, out var result)
            ? result
            : throw new FormatException("The value is not a valid date: use YYYY, YYYY-MM or YYYY-MM-DD (for example 2024-05-17).");

    /// <summary>Tries to parse a FHIR date.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The date when parsing succeeded.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid date.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out FormDate result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string, out FormDate)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The date when parsing succeeded.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FormDate result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, out FormDate)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The date when parsing succeeded.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out FormDate result)
    {
        result = default;
        if (s.Length is not (4 or 7 or 10))
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || year < 1)
        {
            return false;
        }

        var month = 0;
        var day = 0;
        if (s.Length >= 7)
        {
            if (s[4] != '-' || !TryDigits(s.Slice(5, 2), out month) || month is < 1 or > 12)
            {
                return false;
            }
        }

        if (s.Length == 10)
        {
            if (s[7] != '-' || !TryDigits(s.Slice(8, 2), out day) || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }
        }

        result = new FormDate(year, month, day);
        return true;
    }

    /// <summary>
    /// Compares two dates on the precision they share.
    /// </summary>
    /// <param name="other">The other date.</param>
    /// <returns>
    /// A negative number, zero or a positive number; <see langword="null"/> when the dates are equal on their shared
    /// precision but have different precisions (the order is unknown).
    /// </returns>
    public int? CompareTo(FormDate other)
    {
        var c = Year.CompareTo(other.Year);
        if (c != 0)
        {
            return c;
        }

        var shared = (DatePrecision)Math.Min((int)Precision, (int)other.Precision);
        if (shared >= DatePrecision.Month)
        {
            c = Month.CompareTo(other.Month);
            if (c != 0)
            {
                return c;
            }
        }

        if (shared >= DatePrecision.Day)
        {
            c = Day.CompareTo(other.Day);
            if (c != 0)
            {
                return c;
            }
        }

        return Precision == other.Precision ? 0 : null;
    }

    /// <summary>Returns the FHIR text form.</summary>
    /// <returns>For example <c>2024-05-17</c> or <c>2024-05</c>.</returns>
    public override string ToString() => Precision switch
    {
        _ when IsEmpty => string.Empty,
        DatePrecision.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
    };

    /// <inheritdoc/>
    public bool Equals(FormDate other) => _year == other._year && _month == other._month && _day == other._day;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FormDate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_year, _month, _day);

    /// <summary>Compares two dates for equality (same precision and components).</summary>
    /// <param name="left">The first date.</param>
    /// <param name="right">The second date.</param>
    /// <returns><see langword="true"/> when they are the same date.</returns>
    public static bool operator ==(FormDate left, FormDate right) => left.Equals(right);

    /// <summary>Compares two dates for inequality.</summary>
    /// <param name="left">The first date.</param>
    /// <param name="right">The second date.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(FormDate left, FormDate right) => !left.Equals(right);

    internal static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return !s.IsEmpty;
    }
}
