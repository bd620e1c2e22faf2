using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>
/// Identifies a tenant: a brand or practice whose records are kept apart from every other tenant's.
/// </summary>
/// <remarks>
/// A tenant id is a lowercase slug of 1 to 63 characters: letters <c>a-z</c>, digits and hyphens, starting with a
/// letter or digit and not ending with a hyphen (for example <c>acme-dermatology</c>). It leads every key and index
/// in storage, so a deployment can partition or distribute by tenant.
/// </remarks>
[JsonConverter(typeof(TenantIdJsonConverter))]
public readonly struct TenantId : IEquatable<TenantId>, IComparable<TenantId>, ISpanParsable<TenantId>
{
    /// <summary>The longest tenant id, in characters.</summary>
    public const int MaxLength = 63;

    private readonly string? _value;

    private TenantId(string value) => _value = value;

    /// <summary>Gets the slug.</summary>
    /// <value>The slug; the empty string only for <see langword="default"/>.</value>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the <see langword="default"/> (empty) tenant id, which names no tenant.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Parses a tenant id.</summary>
    /// <param name="s">The slug.</param>
    /// <returns>The tenant id.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not a valid slug.</exception>
    public static TenantId Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The slug.</param>
    /// <param name="provider">Not used; tenant ids are culture-invariant.</param>
    public static TenantId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The slug.</param>
    /// <param name="provider">Not used; tenant ids are culture-invariant.</param>
    public static TenantId Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
    {
        if (TryParse(s, provider, out var id))
        {
            return id;
        }

        throw new FormatException("The value is not a valid tenant id: use 1 to 63 characters a-z, 0-9 and '-', starting with a letter or digit and not ending with '-' (for example 'acme-dermatology').");
    }

    /// <summary>Tries to parse a tenant id.</summary>
    /// <param name="s">The slug.</param>
    /// <param name="result">The tenant id when parsing succeeded; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid slug.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out TenantId result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string, out TenantId)"/>
    /// <param name="s">The slug.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The tenant id when parsing succeeded; otherwise <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TenantId result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, out TenantId)"/>
    /// <param name="s">The slug.</param>
    /// <param name="provider">Not used.</param>
    /// <param name="result">The tenant id when parsing succeeded; otherwise <see langword="default"/>.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TenantId result)
    {
        result = default;
        if (s.IsEmpty || s.Length > MaxLength || s[0] == '-' || s[^1] == '-')
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-'))
            {
                return false;
            }
        }

        result = new TenantId(s.ToString());
        return true;
    }

    /// <summary>Returns the slug.</summary>
    /// <returns>The slug.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(TenantId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TenantId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc/>
    public int CompareTo(TenantId other) => string.CompareOrdinal(_value, other._value);

    /// <summary>Compares two tenant ids for equality.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when both name the same tenant.</returns>
    public static bool operator ==(TenantId left, TenantId right) => left.Equals(right);

    /// <summary>Compares two tenant ids for inequality.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when they name different tenants.</returns>
    public static bool operator !=(TenantId left, TenantId right) => !left.Equals(right);

    /// <summary>Orders two tenant ids.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(TenantId left, TenantId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two tenant ids.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(TenantId left, TenantId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two tenant ids.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or they are equal.</returns>
    public static bool operator <=(TenantId left, TenantId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two tenant ids.</summary>
    /// <param name="left">The first tenant id.</param>
    /// <param name="right">The second tenant id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or they are equal.</returns>
    public static bool operator >=(TenantId left, TenantId right) => left.CompareTo(right) >= 0;
}
