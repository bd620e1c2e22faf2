
namespace Remedora.Storage.Tests.Documents;

public class TimeRangeConstraintTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public enum Room
    {
        Blue,
    }

    [Theory]
    [InlineData("")]
    [InlineData("Practitioner")]
    [InlineData("1time")]
    [InlineData("practitioner time")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij")]
    public void TimeRange_InvalidName_ThrowsArgumentException(string name)
        => Assert.ThrowsAny<ArgumentException>(() => Builder().TimeRange(name, b => b.Group, b => b.Start, b => b.End));

    [Fact]
    public void TimeRange_DuplicateName_ThrowsNamingTheCollection()
    {
        var builder = Builder().TimeRange("practitioner-time", b => b.Group, b => b.Start, b => b.End);

        var error = Assert.Throws<ArgumentException>(() => builder.TimeRange("practitioner-time", b => b.Group, b => b.Start, b => b.End, capacity: 2));

        Assert.StartsWith("Collection 'tests.bookings' already has a time-range constraint named 'practitioner-time'.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void TimeRange_CapacityBelowOne_ThrowsArgumentOutOfRange(int capacity)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Builder().TimeRange("time", b => b.Group, b => b.Start, b => b.End, capacity));

    [Fact]
    public void Build_WithTimeRanges_KeepsThemInDeclarationOrder()
    {
        var collection = Builder()
            .TimeRange("practitioner-time", b => b.Group, b => b.Start, b => b.End)
            .TimeRange("room-seats", b => b.Group, b => b.Start, b => b.End, capacity: 4)
            .Build();

        Assert.Equal([("practitioner-time", 1), ("room-seats", 4)], collection.TimeRanges.Select(r => (r.Name, r.Capacity)));
        Assert.Empty(Builder().Build().TimeRanges);
    }

    [Fact]
    public void GetOccupancy_Document_ReturnsGroupAndNormalisedRange()
    {
        var constraint = Constraint();
        var start = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);

        var occupancy = constraint.GetOccupancy(new Booking("dr-1", start, start.AddMinutes(30)));

        Assert.Equal(new TimeRangeOccupancy("dr-1", StorageTime.Normalize(start), StorageTime.Normalize(start.AddMinutes(30))), occupancy);
        Assert.Equal(TimeSpan.Zero, occupancy!.Value.Start.Offset);
    }

    [Fact]
    public void GetOccupancy_TextLikeGroups_StoredAsInvariantText()
    {
        var constraint = Builder().TimeRange("time", b => b.Room, b => b.Start, b => b.End).Build().TimeRanges[0];
        var byNumber = Builder().TimeRange("time", b => 12345L, b => b.Start, b => b.End).Build().TimeRanges[0];
        var id = Id<Practitioner>.New();
        var byId = Builder().TimeRange("time", b => id, b => b.Start, b => b.End).Build().TimeRanges[0];
        var booking = new Booking("dr-1", Nine, Nine.AddHours(1));

        Assert.Equal("Blue", constraint.GetOccupancy(booking)!.Value.Group);
        Assert.Equal("12345", byNumber.GetOccupancy(booking)!.Value.Group);
        Assert.Equal(id.ToString(), byId.GetOccupancy(booking)!.Value.Group);
    }

    [Theory]
    [InlineData(null, false, 60)]
    [InlineData("", false, 60)]
    [InlineData("dr-1", true, 60)]
    [InlineData("dr-1", false, 0)]
    public void GetOccupancy_NoGroupPredicateFalseOrEmptyRange_ReturnsNull(string? group, bool cancelled, int minutes)
        => Assert.Null(Constraint().GetOccupancy(new Booking(group, Nine, Nine.AddMinutes(minutes), cancelled)));

    [Fact]
    public void GetOccupancy_EndBeforeStart_ThrowsWithoutValues()
    {
        var error = Assert.Throws<ArgumentException>(() => Constraint().GetOccupancy(new Booking("dr-secret", Nine, Nine.AddMinutes(-1))));

        Assert.Contains("'tests.bookings'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'practitioner-time'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dr-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOccupancy_GroupLongerThanLimit_Throws()
        => Assert.Throws<ArgumentException>(() => Constraint().GetOccupancy(new Booking(new string('g', TimeRangeConstraint.MaxGroupLength + 1), Nine, Nine.AddHours(1))));

    [Theory]
    [InlineData(60, 90, true)]
    [InlineData(-30, 0, true)]
    [InlineData(59, 90, false)]
    [InlineData(-30, 1, false)]
    [InlineData(10, 20, false)]
    [InlineData(-10, 70, false)]
    public void Fits_CapacityOne_RefusesAnySharedInstantButNotTouching(int start, int end, bool fits)
    {
        var constraint = Constraint();

        Assert.Equal(fits, constraint.Fits(Range(start, end), [Range(0, 60)]));
    }

    [Fact]
    public void Fits_CapacityTwo_CountsWhatCoversEachInstant()
    {
        var constraint = Builder().TimeRange("seats", b => b.Group, b => b.Start, b => b.End, capacity: 2).Build().TimeRanges[0];
        TimeRangeOccupancy[] chain = [Range(0, 30), Range(30, 60), Range(60, 90)];

        Assert.True(constraint.Fits(Range(0, 90), chain));
        Assert.False(constraint.Fits(Range(0, 90), [.. chain, Range(50, 70)]));
        Assert.True(constraint.Fits(Range(0, 90), [.. chain, Range(90, 120), Range(-30, 0)]));
        Assert.True(constraint.Fits(Range(10, 20), [Range(0, 60)]));
        Assert.False(constraint.Fits(Range(10, 20), [Range(0, 60), Range(15, 16)]));
    }

    private static TimeRangeOccupancy Range(int start, int end) => new("dr-1", Nine.AddMinutes(start), Nine.AddMinutes(end));

    private static TimeRangeConstraint Constraint()
        => Builder().TimeRange("practitioner-time", b => b.Group, b => b.Start, b => b.End, when: b => !b.Cancelled).Build().TimeRanges[0];

    private static DocumentCollectionBuilder<Booking> Builder() => new DocumentCollectionBuilder<Booking>("tests.bookings", "Booking")
        .Key(b => b.Key)
        .Tenant(b => b.TenantId)
        .Version(b => b.Version, (b, v) => b with { Version = v });

    public sealed record Booking(string? Group, DateTimeOffset Start, DateTimeOffset End, bool Cancelled = false)
    {
        public string Key { get; init; } = "b-1";

        public TenantId TenantId { get; init; } = TenantId.Parse("tenant-1");

        public long Version { get; init; }

        public Room Room { get; init; } = Room.Blue;
    }
}
