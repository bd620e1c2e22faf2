using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace Remedora.Core.Tests.Identity;

/// <summary>
/// Property tests of the identifier parsers: whatever the input, they either succeed or throw the documented
/// exception, and what they format parses back to the same value.
/// </summary>
public partial class IdentityPropertyTests
{
    private const long Iterations = 20_000;

    /// <summary>Arbitrary text, plus text built from the characters the parsers care about.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["abcdefxyz0123456789-ABCDEF{}() \u017F\u0131é_."], 0, 70],
        Gen.Guid.Select(g => g.ToString()),
        Gen.Guid.Select(g => g.ToString("N")));

    private static readonly Gen<string> JurisdictionLikeText = Gen.String[Gen.Char["aAzZuUsS-c0199\u017F\u0131 é"], 0, 8];

    /// <summary>Valid codes in mixed case: a country, optionally followed by a subdivision.</summary>
    private static readonly Gen<string> ValidJurisdictionText = Gen.Select(
        Gen.String[Gen.Char["aAmMzZ"], 2, 2],
        Gen.String[Gen.Char["ABCXYZabcxyz0189"], 0, 3],
        (country, subdivision) => subdivision.Length == 0 ? country : $"{country}-{subdivision}");

    [Fact]
    public void IdParse_AnyText_ReturnsOrThrowsFormatExceptionOnly()
        => AnyText.Sample(text =>
        {
            var parsed = Try(() => Id<Patient>.Parse(text));
            var tried = Id<Patient>.TryParse(text, out var result);

            Assert.Equal(tried, parsed.Exception is null);
            Assert.True(parsed.Exception is null or FormatException, parsed.Exception?.ToString());
            Assert.Equal(tried, Guid.TryParse(text, out var guid) && guid != Guid.Empty);
            if (tried)
            {
                Assert.Equal(result, parsed.Value);
                Assert.False(result.IsEmpty);
            }
        }, iter: Iterations);

    [Fact]
    public void IdFormat_AnyGuid_ParsesBackInEveryFormat()
        => Gen.Guid.Where(g => g != Guid.Empty).Sample(guid =>
        {
            var id = new Id<CareCase>(guid);

            Assert.Equal(id, Id<CareCase>.Parse(id.ToString()));
            foreach (var format in new[] { "D", "N", "B", "P" })
            {
                Assert.Equal(id, Id<CareCase>.Parse(id.ToString(format, null)));
            }

            Assert.Equal(id, JsonSerializer.Deserialize<Id<CareCase>>(JsonSerializer.Serialize(id)));
        }, iter: Iterations);

    [Fact]
    public void IdJson_AnyString_ReadsOrThrowsJsonExceptionOnly()
        => AnyText.Sample(text =>
        {
            var read = Try(() => JsonSerializer.Deserialize<Id<Patient>>(JsonSerializer.Serialize(text)));

            Assert.True(read.Exception is null or JsonException, read.Exception?.ToString());
            var expected = Guid.TryParseExact(text, "D", out var guid) && guid != Guid.Empty;
            Assert.Equal(expected, read.Exception is null);
        }, iter: Iterations);

    [Fact]
    public void TenantIdParse_AnyText_ReturnsOrThrowsFormatExceptionOnly()
        => Gen.OneOf(AnyText, Gen.String[Gen.Char["ab-9"], 0, 66]).Sample(text =>
        {
            var parsed = Try(() => TenantId.Parse(text));

            Assert.True(parsed.Exception is null or FormatException, parsed.Exception?.ToString());
            Assert.Equal(TenantSlug().IsMatch(text), parsed.Exception is null);
            Assert.Equal(parsed.Exception is null, TenantId.TryParse(text, out _));
            if (parsed.Exception is null)
            {
                Assert.Equal(text, parsed.Value.Value);
            }
        }, iter: Iterations);

    [Fact]
    public void TenantIdFormat_AnyValidSlug_ParsesBackAndRoundTripsJson()
        => Gen.String[Gen.Char["abcxyz0189-"], 1, 63].Where(s => TenantSlug().IsMatch(s)).Sample(slug =>
        {
            var id = TenantId.Parse(slug);

            Assert.Equal(id, TenantId.Parse(id.ToString()));
            Assert.Equal(id, JsonSerializer.Deserialize<TenantId>(JsonSerializer.Serialize(id)));
        }, iter: Iterations);

    [Fact]
    public void JurisdictionParse_AnyText_ReturnsOrThrowsFormatExceptionOnly()
        => Gen.OneOf(AnyText, JurisdictionLikeText).Sample(text =>
        {
            var parsed = Try(() => Jurisdiction.Parse(text));

            Assert.True(parsed.Exception is null or FormatException, parsed.Exception?.ToString());
            Assert.Equal(IsoCode().IsMatch(text), parsed.Exception is null);
            Assert.Equal(parsed.Exception is null, Jurisdiction.TryParse(text, out _));
            if (parsed.Exception is null)
            {
                Assert.Equal(text.ToUpperInvariant(), parsed.Value.Code);
                Assert.Equal(text[..2].ToUpperInvariant(), parsed.Value.Country);
            }
        }, iter: Iterations);

    [Fact]
    public void JurisdictionFormat_AnyValidCode_ParsesBackAndRoundTripsJson()
        => ValidJurisdictionText.Sample(text =>
        {
            var jurisdiction = Jurisdiction.Parse(text);

            Assert.Equal(jurisdiction, Jurisdiction.Parse(jurisdiction.ToString()));
            Assert.Equal(jurisdiction, Jurisdiction.Parse(jurisdiction.Code.ToLowerInvariant()));
            Assert.Equal(jurisdiction, JsonSerializer.Deserialize<Jurisdiction>(JsonSerializer.Serialize(jurisdiction)));
        }, iter: Iterations);

    /// <summary>The tenant id rule, written independently of the parser.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantSlug();

    /// <summary>ISO 3166-1 alpha-2, optionally followed by an ISO 3166-2 subdivision of 1 to 3 letters or digits; ASCII only.</summary>
    [GeneratedRegex("^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoCode();

    private static (T Value, Exception? Exception) Try<T>(Func<T> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (Exception ex)
        {
            return (default!, ex);
        }
    }
}
