using System.Text;
using System.Text.Json;
using Remedora.Testing;

namespace Remedora.Core.Tests.Identity;

public class IdTests
{
    private const string Text = "0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10";

    [Fact]
    public void New_CalledTwice_ReturnsDistinctNonEmptyIds()
    {
        var first = Id<Patient>.New();
        var second = Id<Patient>.New();

        Assert.False(first.IsEmpty);
        Assert.False(second.IsEmpty);
        Assert.NotEqual(first, second);
        Assert.Equal(7, first.Value.Version);
    }

    [Fact]
    public void New_WithTimeProvider_OrdersByTheProvidersTime()
    {
        var clock = TestClock.Create();
        var earlier = Id<Patient>.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var later = Id<Patient>.New(clock);

        Assert.True(earlier < later);
        Assert.True(later > earlier);
        Assert.Equal(7, later.Value.Version);
    }

    [Fact]
    public void New_NullTimeProvider_ThrowsArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => Id<Patient>.New(null!));

    [Fact]
    public void Constructor_EmptyGuid_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Id<Patient>(Guid.Empty));

        Assert.Equal("value", ex.ParamName);
        Assert.StartsWith("An Id<Patient> cannot be the empty GUID; use Id<Patient>.New() to create one.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsEmpty()
    {
        Id<Patient> id = default;

        Assert.True(id.IsEmpty);
        Assert.Equal(Guid.Empty, id.Value);
    }

    [Fact]
    public void ToString_ReturnsLowercaseHyphenatedForm()
    {
        var id = new Id<Patient>(Guid.Parse(Text.ToUpperInvariant()));

        Assert.Equal(Text, id.ToString());
        Assert.Equal(Text, $"{id}");
        Assert.Equal(Text.Replace("-", string.Empty, StringComparison.Ordinal), id.ToString("N", null));
        Assert.Equal(Text, id.ToString(null, null));
    }

    [Fact]
    public void TryFormat_Chars_WritesTextOrReportsShortBuffer()
    {
        var id = Id<Patient>.Parse(Text);
        Span<char> buffer = stackalloc char[36];

        Assert.True(id.TryFormat(buffer, out var written, default, null));
        Assert.Equal(Text, new string(buffer[..written]));
        Assert.False(id.TryFormat(buffer[..35], out _, default, null));
    }

    [Fact]
    public void TryFormat_Utf8_WritesTextOrReportsShortBuffer()
    {
        var id = Id<Patient>.Parse(Text);
        Span<byte> buffer = stackalloc byte[36];

        Assert.True(id.TryFormat(buffer, out var written, default, null));
        Assert.Equal(Text, Encoding.UTF8.GetString(buffer[..written]));
        Assert.False(id.TryFormat(buffer[..35], out _, default, null));
    }

    [Theory]
    [InlineData(Text)]
    [InlineData("0193A0F2-7C1E-7D4A-9B1E-2F5C3A8D9E10")]
    [InlineData("0193a0f27c1e7d4a9b1e2f5c3a8d9e10")]
    [InlineData("{0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10}")]
    [InlineData("(0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10)")]
    [InlineData("  0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10  ")]
    public void Parse_AnyGuidFormat_ReturnsTheId(string text)
    {
        Assert.Equal(Text, Id<Patient>.Parse(text).ToString());
        Assert.Equal(Text, Id<Patient>.Parse(text.AsSpan(), null).ToString());
        Assert.True(Id<Patient>.TryParse(text, out var parsed));
        Assert.Equal(Text, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e1")]
    [InlineData("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e100")]
    [InlineData("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e1g")]
    [InlineData("patient-42")]
    [InlineData("{0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10")]
    public void Parse_EmptyOrMalformed_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Id<Patient>.Parse(text));

        Assert.Equal("The value is not a valid Id<Patient>: expected a non-empty GUID such as '0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10'.", ex.Message);
        Assert.False(Id<Patient>.TryParse(text, out var result));
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Id<Patient>.Parse(null!));
        Assert.False(Id<Patient>.TryParse(null, out _));
        Assert.False(Id<Patient>.TryParse(null, null, out _));
    }

    [Fact]
    public void Equality_SameGuid_IsEqualWithSameHashCode()
    {
        var a = Id<Patient>.Parse(Text);
        var b = Id<Patient>.Parse(Text.ToUpperInvariant());
        var c = Id<Patient>.New();

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals(c));
        Assert.False(a.Equals((object)Id<Practitioner>.Parse(Text)));
        Assert.False(a.Equals(Text));
    }

    [Fact]
    public void Ordering_FollowsTheGuidOrder()
    {
        var low = Id<Patient>.Parse("00000000-0000-0000-0000-000000000001");
        var high = Id<Patient>.Parse("00000000-0000-0000-0000-000000000002");

        Assert.True(low < high);
        Assert.True(low <= high);
        Assert.True(high > low);
        Assert.True(high >= low);
        var same = Id<Patient>.Parse("00000000-0000-0000-0000-000000000001");
        Assert.True(low <= same);
        Assert.True(low >= same);
        Assert.False(low < same);
        Assert.False(low > same);
        Assert.Equal(-1, low.CompareTo(high));
        Assert.Equal(0, low.CompareTo(low));
        Assert.Equal([low, high], new[] { high, low }.Order().ToArray());
    }

    [Fact]
    public void Json_RoundTrip_WritesTheTextForm()
    {
        var id = Id<Patient>.Parse(Text);

        var json = JsonSerializer.Serialize(id);

        Assert.Equal($"\"{Text}\"", json);
        Assert.Equal(id, JsonSerializer.Deserialize<Id<Patient>>(json));
    }

    [Fact]
    public void Json_EmptyId_IsRefusedWhenWrittenBecauseItCouldNotBeReadBack()
    {
        var value = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(Id<Patient>)));
        var key = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new Dictionary<Id<Patient>, int> { [default] = 1 }));

        Assert.StartsWith("An empty Id<Patient> (default) cannot be written", value.Message, StringComparison.Ordinal);
        Assert.Equal(value.Message, key.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Id<Patient>>($"\"{Guid.Empty}\""));
    }

    [Fact]
    public void Json_NullableAndInRecord_RoundTrips()
    {
        var careCase = TestData.CareCase().Build();

        var back = JsonSerializer.Deserialize<CareCase>(JsonSerializer.Serialize(careCase));

        Assert.Equal(careCase, back);
        Assert.Null(JsonSerializer.Deserialize<Id<Patient>?>("null"));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("\"patient-42\"")]
    [InlineData("\"0193a0f27c1e7d4a9b1e2f5c3a8d9e10\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Json_NotANonEmptyGuidString_ThrowsJsonException(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Id<Patient>>(json));

        Assert.StartsWith("Expected an Id<Patient> as a non-empty GUID string.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DictionaryKeys_RoundTrip()
    {
        var counts = new Dictionary<Id<Patient>, int> { [Id<Patient>.Parse(Text)] = 2, [Id<Patient>.New()] = 5 };

        var json = JsonSerializer.Serialize(counts);
        var back = JsonSerializer.Deserialize<Dictionary<Id<Patient>, int>>(json);

        Assert.Contains($"\"{Text}\":2", json, StringComparison.Ordinal);
        Assert.Equal(counts, back);
    }

    [Theory]
    [InlineData("{\"patient-42\":1}")]
    [InlineData("{\"00000000-0000-0000-0000-000000000000\":1}")]
    [InlineData("{\"\":1}")]
    public void Json_MalformedDictionaryKey_ThrowsJsonException(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<Id<Patient>, int>>(json));

        Assert.StartsWith("Expected an Id<Patient> property name as a non-empty GUID.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ConverterFactory_ConvertsOnlyIds()
    {
        var factory = new IdJsonConverterFactory();

        Assert.True(factory.CanConvert(typeof(Id<Patient>)));
        Assert.True(factory.CanConvert(typeof(Id<CareCase>)));
        Assert.False(factory.CanConvert(typeof(Guid)));
        Assert.False(factory.CanConvert(typeof(List<Id<Patient>>)));
    }
}
