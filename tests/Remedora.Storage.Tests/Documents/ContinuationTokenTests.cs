using System.Buffers.Text;
using System.Text;

namespace Remedora.Storage.Tests.Documents;

public class ContinuationTokenTests
{
    public static TheoryData<object?, string> Positions => new()
    {
        { null, "key-1" },
        { "text value", "key|with|bars" },
        { string.Empty, string.Empty },
        { "n:looks like a prefix", "k" },
        { 42L, "key" },
        { long.MinValue, "key" },
        { new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), "key" },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Decode_EncodedPosition_RoundTrips(object? orderValue, string key)
    {
        var (value, decodedKey) = ContinuationToken.Decode(ContinuationToken.Encode(orderValue, key));

        Assert.Equal(orderValue, value);
        Assert.Equal(key, decodedKey);
    }

    [Fact]
    public void Encode_Instant_NormalisedToUtcMicroseconds()
    {
        var local = new DateTimeOffset(2025, 3, 3, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var (value, _) = ContinuationToken.Decode(ContinuationToken.Encode(local, "k"));

        Assert.Equal(StorageTime.Normalize(local), value);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)value!).Offset);
    }

    [Fact]
    public void Encode_Position_IsTheSharedFormat()
    {
        var token = ContinuationToken.Encode(7L, "doc-3");

        Assert.Equal("3|l:7doc-3", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)));
        Assert.Equal("M3xsOjdkb2MtMw", token);
    }

    [Fact]
    public void Encode_UnsupportedOrderValue_ThrowsArgumentException()
        => Assert.Throws<ArgumentException>(() => ContinuationToken.Encode(1.5, "k"));

    [Theory]
    [InlineData("not a token")]
    [InlineData("")]
    [InlineData("eA")]
    [InlineData("MnxsOg")]
    [InlineData("OXxzOmFiYw")]
    [InlineData("M3x4OjFr")]
    public void Decode_MalformedToken_ThrowsArgumentExceptionThatSaysWhatToDo(string token)
    {
        var error = Assert.Throws<ArgumentException>(() => ContinuationToken.Decode(token));

        Assert.StartsWith("The continuation token is malformed: pass the token of a previous page of the same query unchanged.", error.Message, StringComparison.Ordinal);
    }
}
