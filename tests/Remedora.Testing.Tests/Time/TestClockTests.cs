namespace Remedora.Testing.Tests.Time;

public class TestClockTests
{
    [Fact]
    public void Start_IsTheDocumentedInstant()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T09:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), TestClock.Start);
        Assert.Equal(DayOfWeek.Monday, TestClock.Start.DayOfWeek);
        Assert.Equal(new DateOnly(2026, 1, 5), TestClock.StartDate);
    }

    [Fact]
    public void Create_StartsAtStartInUtcAndMovesOnlyWhenAdvanced()
    {
        var clock = TestClock.Create();

        Assert.Equal(TestClock.Start, clock.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
        Assert.Equal(TestClock.Start, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TestClock.Start.AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void Create_EachCallReturnsAnIndependentClock()
    {
        var first = TestClock.Create();
        var second = TestClock.Create();

        first.Advance(TimeSpan.FromHours(1));

        Assert.NotSame(first, second);
        Assert.Equal(TestClock.Start, second.GetUtcNow());
    }

    [Fact]
    public void Create_WithStart_StartsThere()
    {
        var start = new DateTimeOffset(2030, 2, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(start, TestClock.Create(start).GetUtcNow());
    }

    [Fact]
    public async Task Create_TimersFireOnlyWhenTheClockIsAdvanced()
    {
        var clock = TestClock.Create();
        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);

        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await delay;

        Assert.True(delay.IsCompletedSuccessfully);
    }
}
