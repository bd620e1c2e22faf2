namespace Remedora.Intake.Tests.Model;

public class FormDateTests
{
    [Theory]
    [InlineData("2024", DatePrecision.Year)]
    [InlineData("2024-02", DatePrecision.Month)]
    [InlineData("2024-02-29", DatePrecision.Day)]
    public void Parse_ValidDates_KeepPrecisionAndText(string text, DatePrecision precision)
    {
        var date = FormDate.Parse(text);

        Assert.Equal(precision, date.Precision);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13")]
    [InlineData("2024-1-1")]
    [InlineData("0000")]
    [InlineData("२०२४")]
    public void TryParse_InvalidDates_Fail(string text) => Assert.False(FormDate.TryParse(text, out _));

    [Theory]
    [InlineData("2024", "2024-05", null)]
    [InlineData("2023", "2024-05", -1)]
    [InlineData("2024-05-01", "2024-05-01", 0)]
    [InlineData("2024-06", "2024-05-31", 1)]
    public void CompareTo_DifferentPrecisions_ComparesOnSharedPrecision(string a, string b, int? expected)
        => Assert.Equal(expected, FormDate.Parse(a).CompareTo(FormDate.Parse(b)) is { } c ? Math.Sign(c) : null);

    [Theory]
    [InlineData("2024-05-17T09:30:00.250+02:00", DatePrecision.Fraction)]
    [InlineData("2024-05-17T09:30:00Z", DatePrecision.Second)]
    [InlineData("2024-05-17T09:30", DatePrecision.Minute)]
    [InlineData("2024-05", DatePrecision.Month)]
    public void ParseDateTime_ValidValues_KeepTextAndPrecision(string text, DatePrecision precision)
    {
        var value = FormDateTime.Parse(text);

        Assert.Equal(precision, value.Precision);
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("2024-05T10:00:00Z")]
    [InlineData("2024-05-17T25:00:00Z")]
    [InlineData("2024-05-17T10:00:00+15:00")]
    [InlineData("2024-05-17T10:00:00.Z")]
    [InlineData("2024-05-17 10:00:00Z")]
    public void TryParseDateTime_InvalidValues_Fail(string text) => Assert.False(FormDateTime.TryParse(text, out _));

    [Fact]
    public void CompareTo_InstantsWithOffsets_CompareInUtc()
    {
        Assert.Equal(0, FormDateTime.Parse("2024-05-17T10:00:00+02:00").CompareTo(FormDateTime.Parse("2024-05-17T08:00:00Z")));
        Assert.Null(FormDateTime.Parse("2024-05-17T08:00Z").CompareTo(FormDateTime.Parse("2024-05-17T08:00:00Z")));
        Assert.Equal(new DateTimeOffset(2024, 5, 17, 8, 0, 0, TimeSpan.Zero), FormDateTime.Parse("2024-05-17T10:00:00+02:00").ToDateTimeOffset());
        Assert.Equal("2024-05-17T08:00:00Z", FormDateTime.FromDateTimeOffset(new DateTimeOffset(2024, 5, 17, 8, 0, 0, TimeSpan.Zero)).ToString());
    }

    [Fact]
    public void AnswerValue_ToString_NeverShowsTheValue()
    {
        Assert.Equal("string answer", AnswerValue.Of("Jane Doe, born 1980-01-01").ToString());
        Assert.Equal("date answer", AnswerValue.Of(new DateOnly(1980, 1, 1)).ToString());
        Assert.DoesNotContain("Jane", new ResponseAnswer(AnswerValue.Of("Jane")).ToString(), StringComparison.Ordinal);
    }
}
