using System.Text.Json;

namespace Remedora.Core.Tests.Identity;

public class TenantIdTests
{
    private const string FormatMessage = "The value is not a valid tenant id: use 1 to 63 characters a-z, 0-9 and '-', starting with a letter or digit and not ending with '-' (for example 'acme-dermatology').";

    [Fact]
    public void Json_EmptyTenantId_IsRefusedWhenWrittenBecauseItCouldNotBeReadBack()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(TenantId)));

        Assert.StartsWith("An empty tenant id (default(TenantId)) cannot be written", ex.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TenantId>("\"\""));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("acme")]
    [InlineData("acme-dermatology")]
    [InlineData("a-b-c-1-2-3")]
    [InlineData("0-0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz")]
    public void Parse_ValidSlug_ReturnsItUnchanged(string text)
    {
        var id = TenantId.Parse(text);

        Assert.Equal(text, id.Value);
        Assert.Equal(text, id.ToString());
        Assert.False(id.IsEmpty);
        Assert.Equal(id, TenantId.Parse(text.AsSpan(), null));
        Assert.True(TenantId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("-")]
    [InlineData("Acme")]
    [InlineData("acme dermatology")]
    [InlineData("acme_dermatology")]
    [InlineData("acme.dermatology")]
    [InlineData(" acme")]
    [InlineData("acme\n")]
    [InlineData("acmé")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => TenantId.Parse(text));

        Assert.Equal(FormatMessage, ex.Message);
        Assert.False(TenantId.TryParse(text, out var result));
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TenantId.Parse(null!));
        Assert.False(TenantId.TryParse(null, out _));
    }

    [Fact]
    public void Default_IsEmptyWithEmptyValue()
    {
        TenantId id = default;

        Assert.True(id.IsEmpty);
        Assert.Equal(string.Empty, id.Value);
        Assert.Equal(string.Empty, id.ToString());
        Assert.Equal(0, id.GetHashCode());
        Assert.NotEqual(TenantId.Parse("a"), id);
    }

    [Fact]
    public void Equality_SameSlug_IsEqualWithSameHashCode()
    {
        var a = TenantId.Parse("acme");
        var b = TenantId.Parse(new string(['a', 'c', 'm', 'e']));

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != TenantId.Parse("acme-2"));
        Assert.False(a.Equals("acme"));
    }

    [Fact]
    public void Ordering_IsOrdinal()
    {
        var ids = new[] { "b", "a-1", "a", "9", "a0" }.Select(TenantId.Parse).ToArray();

        Assert.Equal(["9", "a", "a-1", "a0", "b"], ids.Order().Select(i => i.Value).ToArray());
        Assert.True(TenantId.Parse("a") < TenantId.Parse("b"));
        Assert.True(TenantId.Parse("b") > TenantId.Parse("a"));
        Assert.True(TenantId.Parse("a") <= TenantId.Parse("a"));
        Assert.True(TenantId.Parse("a") >= TenantId.Parse("a"));
        Assert.True(default(TenantId) < TenantId.Parse("a"));
    }

    [Fact]
    public void Json_RoundTrip_WritesTheSlug()
    {
        var id = TenantId.Parse("acme-dermatology");

        var json = JsonSerializer.Serialize(id);

        Assert.Equal("\"acme-dermatology\"", json);
        Assert.Equal(id, JsonSerializer.Deserialize<TenantId>(json));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"Acme\"")]
    [InlineData("\"acme-\"")]
    [InlineData("7")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Json_Malformed_ThrowsJsonException(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TenantId>(json));

        Assert.StartsWith("Expected a tenant id: a string of 1 to 63 characters a-z, 0-9 and '-'.", ex.Message, StringComparison.Ordinal);
    }
}
