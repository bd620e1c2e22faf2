using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>
/// A strongly typed identifier of a <typeparamref name="T"/>: a non-empty <see cref="Guid"/> that cannot be
/// mixed up with the identifier of another kind of record.
/// </summary>
/// <typeparam name="T">The kind of record the identifier names, for example <see cref="Patient"/>.</typeparam>
/// <remarks>
/// The text form is the 36-character hyphenated GUID (<c>"D"</c> format), which is also a valid FHIR resource id.
/// New identifiers are version 7 GUIDs, so they sort by creation time and index well.
/// </remarks>
[JsonConverter(typeof(IdJsonConverterFactory))]
public readonly struct Id<T> : IEquatable<Id<T>>, IComparable<Id<T>>, ISpanFormattable, ISpanParsable<Id<T>>, IUtf8SpanFormattable
{
    private readonly Guid _value;

    /// <summary>Initializes a new instance of the <see cref="Id{T}"/> struct from a GUID.</summary>
    /// <param name="value">The GUID. It must not be <see cref="Guid.Empty"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    public Id(Guid value)
    {
        if (value == Guid.Empty)
        {
            throw new ArgumentException($"An Id<{typeof(T).Name}> cannot be the empty GUID; use Id<{typeof(T).Name}>.New() to create one.", nameof(value));
        }

        _value = value;
    }

    /// <summary>Gets the underlying GUID.</summary>
    /// <value>The GUID; <see cref="Guid.Empty"/> only for <see langword="default"/>.</value>
    public Guid Value => _value;

    /// <summary>Gets a value indicating whether this is the <see langword="default"/> (empty) identifier, which names nothing.</summary>
    public bool IsEmpty => _value == Guid.Empty;

    /// <summary>Creates a new, time-ordered identifier.</summary>
    /// <returns>A new identifier.</returns>
    public static Id<T> New() => new(Guid.CreateVersion7());

    /// <summary>Creates a new identifier ordered by the time that <paramref name="timeProvider"/> reports.</summary>
    /// <param name="timeProvider">The clock whose current time is embedded in the identifier.</param>
    /// <returns>A new identifier.</returns>
    public static Id<T> New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new(Guid.CreateVersion7(timeProvider.GetUtcNow()));
    }

    /// <summary>Parses the text form of an identifier.</summary>
    /// <param name="s">The text: a non-empty GUID in any format <see cref="Guid.Parse(string)"/> accepts.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not a non-empty GUID.</exception>
    public static Id<T> Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; identifiers are culture-invariant.</param>
    public static Id<T> Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; identifiers are culture-invariant.</param>
    public static Id<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
    {
        if (TryParse(s, provider, out var id))
        {
            return id;
        }

        throw new FormatException($"The value is not a valid Id<{typeof(T).Name}>: expected a non-empty GUID such as '0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10'.");
    }

    /// <summary>Tries to parse the text form of an identifier.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier when parsing succeeded; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a non-empty GUID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Id<T> result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string, out Id{T})"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; identifiers are culture-invariant.</param>
    /// <param name="result">The identifier when parsing succeeded; otherwise <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Id<T> result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, out Id{T})"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used; identifiers are culture-invariant.</param>
    /// <param name="result">The identifier when parsing succeeded; otherwise <see langword="default"/>.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Id<T> result)
    {
        if (Guid.TryParse(s, out var guid) && guid != Guid.Empty)
        {
            result = new Id<T>(guid);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Returns the 36-character hyphenated text form.</summary>
    /// <returns>The text form, for example <c>0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10</c>.</returns>
    public override string ToString() => _value.ToString("D", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => _value.ToString(string.IsNullOrEmpty(format) ? "D" : format, formatProvider);

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => _value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);

    /// <inheritdoc/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => _value.TryFormat(utf8Destination, out bytesWritten, format.IsEmpty ? "D" : format);

    /// <inheritdoc/>
    public bool Equals(Id<T> other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Id<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Id<T> other) => _value.CompareTo(other._value);

    /// <summary>Compares two identifiers for equality.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when both name the same record.</returns>
    public static bool operator ==(Id<T> left, Id<T> right) => left.Equals(right);

    /// <summary>Compares two identifiers for inequality.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when they name different records.</returns>
    public static bool operator !=(Id<T> left, Id<T> right) => !left.Equals(right);

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts before <paramref name="right"/>.</returns>
    public static bool operator <(Id<T> left, Id<T> right) => left.CompareTo(right) < 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts after <paramref name="right"/>.</returns>
    public static bool operator >(Id<T> left, Id<T> right) => left.CompareTo(right) > 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts before or equals <paramref name="right"/>.</returns>
    public static bool operator <=(Id<T> left, Id<T> right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts after or equals <paramref name="right"/>.</returns>
    public static bool operator >=(Id<T> left, Id<T> right) => left.CompareTo(right) >= 0;
}
