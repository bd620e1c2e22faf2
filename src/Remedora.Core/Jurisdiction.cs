using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>
/// A licensing jurisdiction as an ISO 3166 code: a country (<c>US</c>) or a country subdivision (<c>US-CA</c>).
/// </summary>
/// <remarks>
/// Codes are normalised to upper case. Clinicians are licensed per jurisdiction, and a patient's jurisdiction of
/// residence decides which clinicians may treat them.
/// </remarks>
[JsonConverter(typeof(JurisdictionJsonConverter))]
public readonly struct Jurisdiction : IEquatable<Jurisdiction>, ISpanParsable<Jurisdiction>
{
    private readonly string? _code;

    private Jurisdiction(string code) => _code = code;

    /// <summary>Gets the ISO 3166 code.</summary>
    /// <value>For example <c>US-CA</c>; the empty string only for <see langword="default"/>.</value>
    public string Code => _code ?? string.Empty;

    /// <summary>Gets the ISO 3166-1 alpha-2 country part of the code.</summary>
    /// <value>For example <c>US</c>.</value>
    public string Country => _code is null ? string.Empty : _code[..2];

    /// <summary>Gets a value indicating whether this is the <see langword="default"/> (empty) jurisdiction.</summary>
    public bool IsEmpty => _code is null;

    /// <summary>Parses a jurisdiction code.</summary>
    /// <param name="s">An ISO 3166-1 alpha-2 code (<c>US</c>) or ISO 3166-2 code (<c>US-CA</c>), in any case.</param>
    /// <returns>The jurisdiction.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not such a code.</exception>
    public static Jurisdiction Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The code.</param>
    /// <param name="provider">Not used.</param>
    public static Jurisdiction Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The code.</param>
    /// <param name="provider">Not used.</param>
    public static Jurisdiction Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TryParse(s, provider, out var result)
            ? result
            : throw new FormatException("The value is not a valid jurisdiction: use an ISO 3166 code such as 'US' or 'US-CA'.");

    /// <summary>Tries to parse a jurisdiction code.</summary>
    /// <param name="s">The code.</param>
    /// <param name="result">The jurisdiction when parsing succeeded.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Jurisdiction result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string, out Jurisdiction)"/>
    /// <param name="s">The code.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The jurisdiction when parsing succeeded.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Jurisdiction result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, out Jurisdiction)"/>
    /// <param name="s">The code.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The jurisdiction when parsing succeeded.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Jurisdiction result)
    {
        result = default;
        if (s.Length != 2 && (s.Length < 4 || s.Length > 6 || s[2] != '-'))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAscii(s[i]))
            {
                return false;
            }

            var c = char.ToUpperInvariant(s[i]);
            var valid = i < 2 ? c is >= 'A' and <= 'Z' : i == 2 ? c == '-' : c is >= 'A' and <= 'Z' or >= '0' and <= '9';
            if (!valid)
            {
                return false;
            }

            buffer[i] = c;
        }

        result = new Jurisdiction(new string(buffer));
        return true;
    }

    /// <summary>Returns the ISO 3166 code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code;

    /// <inheritdoc/>
    public bool Equals(Jurisdiction other) => string.Equals(_code, other._code, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Jurisdiction other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _code is null ? 0 : StringComparer.Ordinal.GetHashCode(_code);

    /// <summary>Compares two jurisdictions for equality.</summary>
    /// <param name="left">The first jurisdiction.</param>
    /// <param name="right">The second jurisdiction.</param>
    /// <returns><see langword="true"/> when both have the same code.</returns>
    public static bool operator ==(Jurisdiction left, Jurisdiction right) => left.Equals(right);

    /// <summary>Compares two jurisdictions for inequality.</summary>
    /// <param name="left">The first jurisdiction.</param>
    /// <param name="right">The second jurisdiction.</param>
    /// <returns><see langword="true"/> when their codes differ.</returns>
    public static bool operator !=(Jurisdiction left, Jurisdiction right) => !left.Equals(right);
}
