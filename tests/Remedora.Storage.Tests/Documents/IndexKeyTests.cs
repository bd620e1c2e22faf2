namespace Remedora.Storage.Tests.Documents;

public class IndexKeyTests
{
    public static TheoryData<object?, object?> Ordered => new()
    {
        { null, "a" },
        { string.Empty + "a", "a\0" },
        { "a\0", "a\0\0" },
        { "a\0z", "ab" },
        { "ab", "b" },
        { "Z", "a" },
        { long.MinValue, -1L },
        { -1L, 0L },
        { 0L, 1L },
        { 1L, long.MaxValue },
        { new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        { new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10) },
    };

    [Theory]
    [MemberData(nameof(Ordered))]
    public void Encode_OrderedValues_KeysCompareInTheSameOrder(object? lower, object? higher)
    {
        Assert.True(IndexKey.Compare(IndexKey.Encode([lower]), IndexKey.Encode([higher])) < 0);
        Assert.True(IndexKey.Compare(IndexKey.Encode([lower, 5L]), IndexKey.Encode([higher, 1L])) < 0);
    }

    [Fact]
    public void Successor_OfAPrefix_BoundsEveryKeyThatStartsWithIt()
    {
        var prefix = IndexKey.Encode(["a"]);
        var successor = IndexKey.Successor(prefix);

        foreach (var second in new object?[] { null, string.Empty + "\0", "zzz", long.MaxValue, DateTimeOffset.MaxValue })
        {
            var key = IndexKey.Encode(["a", second]);
            Assert.True(IndexKey.Compare(key, prefix) >= 0);
            Assert.True(IndexKey.Compare(key, successor) < 0);
        }

        Assert.True(IndexKey.Compare(IndexKey.Encode(["a\0"]), successor) > 0);
        Assert.True(IndexKey.Compare(IndexKey.Encode(["b"]), successor) > 0);
    }

    [Fact]
    public void Encode_UnsupportedValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => IndexKey.Encode([1.5m]));
    }
}
