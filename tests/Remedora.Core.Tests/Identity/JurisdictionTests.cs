using System.Text.Json;

namespace Remedora.Core.Tests.Identity;

public class JurisdictionTests
{
    private const string FormatMessage = "The value is not a valid jurisdiction: use an ISO 3166 code such as 'US' or 'US-CA'.";

    [Fact]
    public void Json_EmptyJurisdiction_IsRefusedWhenWrittenBecauseItCouldNotBeReadBack()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(Jurisdiction)));

        Assert.StartsWith("An empty jurisdiction (default(Jurisdiction)) cannot be written", ex.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Jurisdiction>("\"\""));
    }

    [Theory]
    [InlineData("US", "US", "US")]
    [InlineData("us", "US", "US")]
    [InlineData("US-CA", "US-CA", "US")]
    [InlineData("us-ca", "US-CA", "US")]
    [InlineData("Gb-Eng", "GB-ENG", "GB")]
    [InlineData("FR-75", "FR-75", "FR")]
    [InlineData("DE-B", "DE-B", "DE")]
    public void Parse_IsoCode_ReturnsUppercaseCodeAndCountry(string text, string code, string country)
    {
        var jurisdiction = Jurisdiction.Parse(text);

        Assert.Equal(code, jurisdiction.Code);
        Assert.Equal(code, jurisdiction.ToString());
        Assert.Equal(country, jurisdiction.Country);
        Assert.False(jurisdiction.IsEmpty);
        Assert.Equal(jurisdiction, Jurisdiction.Parse(text.AsSpan(), null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("U")]
    [InlineData("USA")]
    [InlineData("US-")]
    [InlineData("US-CAXX")]
    [InlineData("US_CA")]
    [InlineData("USCA")]
    [InlineData("1S")]
    [InlineData("U1-CA")]
    [InlineData("US-C@")]
    [InlineData(" US")]
    [InlineData("US ")]
    [InlineData("ÜS")]
    [InlineData("u\u017F")]
    [InlineData("\u017F\u017F-CA")]
    [InlineData("US-\u017F")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Jurisdiction.Parse(text));

        Assert.Equal(FormatMessage, ex.Message);
        Assert.False(Jurisdiction.TryParse(text, out var result));
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Jurisdiction.Parse(null!));
        Assert.False(Jurisdiction.TryParse(null, out _));
    }

    [Fact]
    public void Default_IsEmpty()
    {
        Jurisdiction jurisdiction = default;

        Assert.True(jurisdiction.IsEmpty);
        Assert.Equal(string.Empty, jurisdiction.Code);
        Assert.Equal(string.Empty, jurisdiction.Country);
        Assert.Equal(0, jurisdiction.GetHashCode());
    }

    [Fact]
    public void Equality_IgnoresInputCase()
    {
        var a = Jurisdiction.Parse("us-ca");
        var b = Jurisdiction.Parse("US-CA");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != Jurisdiction.Parse("US"));
        Assert.False(a.Equals("US-CA"));
    }

    [Fact]
    public void Json_RoundTrip_WritesTheCode()
    {
        var jurisdiction = Jurisdiction.Parse("us-ny");

        var json = JsonSerializer.Serialize(jurisdiction);

        Assert.Equal("\"US-NY\"", json);
        Assert.Equal(jurisdiction, JsonSerializer.Deserialize<Jurisdiction>(json));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"USA\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Json_Malformed_ThrowsJsonException(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Jurisdiction>(json));

        Assert.StartsWith("Expected a jurisdiction: an ISO 3166 code string such as 'US-CA'.", ex.Message, StringComparison.Ordinal);
    }
}
