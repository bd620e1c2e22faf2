namespace Remedora;

/// <summary>A postal address. Every part is protected health information.</summary>
/// <param name="Lines">The street lines.</param>
/// <param name="City">The city.</param>
/// <param name="Region">The state, province or region.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 country code.</param>
public sealed record PostalAddress(
    [property: Phi] IReadOnlyList<string> Lines,
    [property: Phi] string City,
    [property: Phi] string? Region,
    [property: Phi] string? PostalCode,
    string Country)
{
    /// <summary>Returns a placeholder; an address never appears in text produced by the SDK.</summary>
    /// <returns>The text <c>PostalAddress</c>.</returns>
    public override string ToString() => nameof(PostalAddress);
}
