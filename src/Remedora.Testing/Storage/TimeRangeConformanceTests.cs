using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// Time-range constraints: documents of one group (one practitioner's bookings) never overlap in time, or never more
/// than a capacity of them (a room's seats), guaranteed at commit whatever the interleaving of concurrent sessions. A
/// violation is a <see cref="TimeRangeConflictException"/> naming the collection and the constraint, and nothing of the
/// unit of work is written. Ranges are half-open; updates re-check, deletes and cancellations free time.
/// </summary>
/// <remarks>The suite stores <see cref="ConformanceBooking"/>s in a collection it contributes itself (<see cref="TimeRangeConformanceCollections"/>).</remarks>
public abstract class TimeRangeConformanceTests : StorageConformanceTestBase
{
    private const int Threads = 16;

    /// <summary>Two bookings of one practitioner that share time cannot both commit; the second throws a typed conflict that names no value.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_OverlappingRangeOfSameGroup_ThrowsTimeRangeConflict()
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30));

        var conflict = await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 15, 45));

        Assert.NotNull(conflict);
        Assert.Equal(
            (StorageErrorCodes.TimeRangeConflict, "ConformanceBooking", "conformance.bookings", TimeRangeConformanceCollections.PractitionerTime, 1),
            (conflict.Code, conflict.ResourceType, conflict.Collection, conflict.Constraint, conflict.Capacity));
        Assert.DoesNotContain("dr-1", conflict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("b-2", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(["b-1"], await KeysAsync(context, context.TenantA));
    }

    /// <summary>A booking that contains another, or lies within it, overlaps it too.</summary>
    /// <param name="start">The second booking's start, in minutes after the first's start (the first lasts 30 minutes).</param>
    /// <param name="end">The second booking's end, in minutes.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(-10, 40)]
    [InlineData(10, 20)]
    [InlineData(-10, 1)]
    [InlineData(29, 60)]
    [InlineData(0, 30)]
    public async Task Commit_RangeSharingAnyInstant_ThrowsTimeRangeConflict(int start, int end)
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30));

        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", start, end)));
    }

    /// <summary>Ranges are half-open: a booking that starts where another ends, or ends where it starts, commits.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_TouchingRanges_BothCommit()
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 30, 60));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-0", "dr-1", 0, 30)));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 60, 90)));

        Assert.Equal(["b-0", "b-1", "b-2"], await KeysAsync(context, context.TenantA));
    }

    /// <summary>Different groups are independent: two practitioners may be booked at the same time, and a booking without a group holds no time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_SameTimeInDifferentGroups_BothCommit()
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-2", 0, 30)));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", null, 0, 30)));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-4", null, 0, 30)));

        Assert.Equal(4, (await KeysAsync(context, context.TenantA)).Length);
    }

    /// <summary>Constraints are per tenant: the same practitioner id at the same time in another tenant commits.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_SameGroupAndTimeInAnotherTenant_BothCommit()
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30));

        Assert.Null(await TryInsertAsync(context, context.TenantB, Booking(context.TenantB, "b-1", "dr-1", 0, 30)));
        Assert.Null(await TryInsertAsync(context, context.TenantB, Booking(context.TenantB, "b-2", "dr-1", 30, 60)));

        Assert.NotNull(await TryInsertAsync(context, context.TenantB, Booking(context.TenantB, "b-3", "dr-1", 10, 20)));
        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", "dr-1", 10, 20)));
    }

    /// <summary>A room of three seats takes three bookings at the same time and refuses the fourth, naming the room constraint and its capacity.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_CapacityThree_AllowsThreeRefusesFourth()
    {
        await using var context = await StartTimeRangesAsync();
        for (var i = 1; i <= TimeRangeConformanceCollections.RoomSeats; i++)
        {
            Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, $"b-{i}", null, 0, 30, room: "room-1")));
        }

        var conflict = await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-4", null, 20, 40, room: "room-1"));

        Assert.NotNull(conflict);
        Assert.Equal((TimeRangeConformanceCollections.RoomSeatsConstraint, TimeRangeConformanceCollections.RoomSeats), (conflict.Constraint, conflict.Capacity));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-5", null, 30, 60, room: "room-1")));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-6", null, 0, 30, room: "room-2")));
        Assert.Equal(5, (await KeysAsync(context, context.TenantA)).Length);
    }

    /// <summary>
    /// Capacity counts what covers each instant, not how many ranges overlap the new one: four bookings that overlap a
    /// new one but never more than two at once leave room for it in a room of three; one more at the busiest time does not.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_CapacityThree_CountsWhatCoversEachInstant()
    {
        await using var context = await StartTimeRangesAsync();
        await InsertAsync(
            context,
            context.TenantA,
            Booking(context.TenantA, "b-1", null, 0, 30, room: "room-1"),
            Booking(context.TenantA, "b-2", null, 0, 30, room: "room-1"),
            Booking(context.TenantA, "b-3", null, 30, 60, room: "room-1"),
            Booking(context.TenantA, "b-4", null, 30, 60, room: "room-1"));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-5", null, 0, 60, room: "room-1")));

        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-6", null, 29, 31, room: "room-1")));
    }

    /// <summary>An update that moves a booking into an occupied range is refused and the stored booking keeps its time; a move into free time commits.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_MovedIntoOccupiedRange_ThrowsTimeRangeConflict()
    {
        await using var context = await StartTimeRangesAsync();
        var (_, second) = await InsertPairAsync(context, Booking(context.TenantA, "b-1", "dr-1", 0, 30), Booking(context.TenantA, "b-2", "dr-1", 60, 90));

        var conflict = await TryCommitAsync(context, context.TenantA, s => s.Update(second with { Start = At(20), End = At(50) }));

        Assert.NotNull(conflict);
        await using var session = context.OpenSession(context.TenantA);
        Assert.Equal(second, await session.FindAsync<ConformanceBooking>("b-2"));
        Assert.Null(await TryCommitAsync(context, context.TenantA, s => s.Update(second with { Start = At(30), End = At(60) })));
    }

    /// <summary>A booking that moves over part of its own old time does not conflict with itself, and the time it left is free.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_MovedOverItsOwnTime_CommitsAndFreesTheRest()
    {
        await using var context = await StartTimeRangesAsync();
        var stored = (await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 60)))[0];

        Assert.Null(await TryCommitAsync(context, context.TenantA, s => s.Update(stored with { Start = At(30), End = At(90) })));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 0, 30)));
        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", "dr-1", 80, 100)));
    }

    /// <summary>An update that moves a booking to another group frees its time in the old group and takes time in the new one.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_MovedToAnotherGroup_FreesOldGroupAndHoldsNewOne()
    {
        await using var context = await StartTimeRangesAsync();
        var stored = (await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30)))[0];

        Assert.Null(await TryCommitAsync(context, context.TenantA, s => s.Update(stored with { PractitionerId = "dr-2" })));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 0, 30)));
        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", "dr-2", 0, 30)));
    }

    /// <summary>A deleted booking frees its time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Delete_Booking_FreesItsTime()
    {
        await using var context = await StartTimeRangesAsync();
        var stored = (await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30)))[0];
        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 0, 30)));

        Assert.Null(await TryCommitAsync(context, context.TenantA, s => s.Delete(stored)));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 0, 30)));
    }

    /// <summary>A cancelled booking (the constraint's predicate is false) holds no time; reinstating it is checked again.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_Cancelled_FreesItsTime()
    {
        await using var context = await StartTimeRangesAsync();
        var stored = (await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30)))[0];

        Assert.Null(await TryCommitAsync(context, context.TenantA, s => stored = s.Update(stored with { Cancelled = true })));

        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-2", "dr-1", 0, 30)));
        Assert.NotNull(await TryCommitAsync(context, context.TenantA, s => s.Update(stored with { Cancelled = false })));
        Assert.Null(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", "dr-1", 30, 60, cancelled: true)));
    }

    /// <summary>Rescheduling in one unit of work (cancel the old booking, book an overlapping new one) commits whatever the order the writes were staged in.</summary>
    /// <param name="cancelFirst">Whether the cancellation is staged before the new booking.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Commit_RescheduleInOneUnitOfWork_CommitsWhateverTheOrder(bool cancelFirst)
    {
        await using var context = await StartTimeRangesAsync();
        var old = (await InsertAsync(context, context.TenantA, Booking(context.TenantA, "b-1", "dr-1", 0, 30)))[0];

        var conflict = await TryCommitAsync(context, context.TenantA, s =>
        {
            if (cancelFirst)
            {
                s.Update(old with { Cancelled = true });
                s.Insert(Booking(context.TenantA, "b-2", "dr-1", 15, 45));
            }
            else
            {
                s.Insert(Booking(context.TenantA, "b-2", "dr-1", 15, 45));
                s.Update(old with { Cancelled = true });
            }
        });

        Assert.Null(conflict);
        Assert.NotNull(await TryInsertAsync(context, context.TenantA, Booking(context.TenantA, "b-3", "dr-1", 40, 50)));
    }

    /// <summary>Two overlapping bookings staged in one unit of work conflict with each other.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_TwoOverlappingInOneUnitOfWork_ThrowsTimeRangeConflict()
    {
        await using var context = await StartTimeRangesAsync();

        var conflict = await TryCommitAsync(context, context.TenantA, s =>
        {
            s.Insert(Booking(context.TenantA, "b-1", "dr-1", 0, 30));
            s.Insert(Booking(context.TenantA, "b-2", "dr-1", 10, 40));
        });

        Assert.NotNull(conflict);
        Assert.Empty(await KeysAsync(context, context.TenantA));
    }

    /// <summary>
    /// A refused commit rolls back the whole unit of work: its other documents, audit records and outbox messages are
    /// not written, and the time it asked for stays free.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_Refused_WritesNothingOfTheUnitOfWork()
    {
        await using var context = await StartTimeRangesAsync();
        var tenant = context.TenantA;
        await InsertAsync(context, tenant, Booking(tenant, "b-1", "dr-1", 0, 30));
        var headBefore = await context.AuditLog.GetHeadAsync(tenant);

        var conflict = await TryCommitAsync(context, tenant, s =>
        {
            s.Insert(Booking(tenant, "b-2", "dr-2", 0, 30));
            s.Insert(Booking(tenant, "b-3", "dr-1", 20, 40));
            s.Insert(ConformanceData.Document(tenant, "doc-1"));
            s.Audit(ConformanceData.Event(tenant, context.Now, "booker"));
            s.Publish(OutboxMessage.Create("conformance.booked", new { Id = "b-3" }, "booked-b-3"));
        });

        Assert.NotNull(conflict);
        Assert.Equal(["b-1"], await KeysAsync(context, tenant));
        await using (var session = context.OpenSession(tenant))
        {
            Assert.Null(await session.FindAsync<ConformanceDocument>("doc-1"));
        }

        Assert.Equal(headBefore.Sequence, (await context.AuditLog.GetHeadAsync(tenant)).Sequence);
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, tenant));
        Assert.Null(await TryInsertAsync(context, tenant, Booking(tenant, "b-4", "dr-2", 0, 30)));
    }

    /// <summary>A commit that fails after any step for another reason holds no time: the same booking commits afterwards.</summary>
    /// <param name="step">The step after which the commit fails.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(CommitStep.Documents)]
    [InlineData(CommitStep.Audit)]
    [InlineData(CommitStep.Outbox)]
    public async Task Commit_FailureAfterStep_HoldsNoTime(CommitStep step)
    {
        await using var context = await StartTimeRangesAsync();
        var tenant = context.TenantA;
        var stored = (await InsertAsync(context, tenant, Booking(tenant, "b-1", "dr-1", 0, 30)))[0];

        context.Failures.FailAfter(tenant, step);
        await using (var session = context.OpenSession(tenant))
        {
            session.Insert(Booking(tenant, "b-2", "dr-1", 60, 90));
            session.Update(stored with { Start = At(120), End = At(150) });
            await Assert.ThrowsAsync<CommitFailureInjectedException>(() => session.CommitAsync());
        }

        Assert.Equal(["b-1"], await KeysAsync(context, tenant));
        Assert.Null(await TryInsertAsync(context, tenant, Booking(tenant, "b-3", "dr-1", 60, 90)));
        Assert.Null(await TryInsertAsync(context, tenant, Booking(tenant, "b-4", "dr-1", 120, 150)));
        Assert.NotNull(await TryInsertAsync(context, tenant, Booking(tenant, "b-5", "dr-1", 0, 30)));
    }

    /// <summary>A document that ends before it starts is refused at commit with <see cref="ArgumentException"/>, and nothing is written.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_EndBeforeStart_ThrowsArgumentException()
    {
        await using var context = await StartTimeRangesAsync();
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(Booking(context.TenantA, "b-1", "dr-1", 30, 0));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => session.CommitAsync());

        Assert.Empty(await KeysAsync(context, context.TenantA));
    }

    /// <summary>Sixteen sessions on real threads book overlapping ranges of one practitioner at once: exactly one commits, every other gets a typed conflict.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_SixteenSessionsBookingOverlappingRanges_ExactlyOneCommits()
    {
        await using var context = await StartTimeRangesAsync();
        const int Rounds = 3;
        for (var round = 0; round < Rounds; round++)
        {
            var practitioner = $"dr-{round}";

            // Every range covers minute 30 of the round, and each starts at another minute, so none is a copy of another.
            var results = await ConformanceData.RunOnThreadsAsync(Threads, i => TryInsertOnThread(context, Booking(context.TenantA, $"r{round}-b{i}", practitioner, i, 31 + i)));

            Assert.Single(results, r => r is null);
            Assert.All(results.Where(r => r is not null), r => Assert.Equal(TimeRangeConformanceCollections.PractitionerTime, r!.Constraint));
        }

        Assert.Equal(Rounds, (await KeysAsync(context, context.TenantA)).Length);
    }

    /// <summary>Sixteen sessions on real threads book one room of three seats at once: exactly three commit.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_SixteenSessionsBookingRoomOfThree_ExactlyThreeCommit()
    {
        await using var context = await StartTimeRangesAsync();
        const int Rounds = 3;
        for (var round = 0; round < Rounds; round++)
        {
            var room = $"room-{round}";
            var results = await ConformanceData.RunOnThreadsAsync(Threads, i => TryInsertOnThread(context, Booking(context.TenantA, $"r{round}-b{i}", null, i % 4, 40 + (i % 5), room: room)));

            Assert.Equal(TimeRangeConformanceCollections.RoomSeats, results.Count(r => r is null));
            Assert.All(results.Where(r => r is not null), r => Assert.Equal(TimeRangeConformanceCollections.RoomSeatsConstraint, r!.Constraint));
        }

        Assert.Equal(Rounds * TimeRangeConformanceCollections.RoomSeats, (await KeysAsync(context, context.TenantA)).Length);
    }

    /// <summary>Builds a booking in <paramref name="tenantId"/> from minute offsets after <see cref="StorageConformanceTestBase.StartTime"/>.</summary>
    private static ConformanceBooking Booking(TenantId tenantId, string key, string? practitioner, int start, int end, string? room = null, bool cancelled = false) => new()
    {
        Key = key,
        TenantId = tenantId,
        PractitionerId = practitioner,
        RoomId = room,
        Start = At(start),
        End = At(end),
        Cancelled = cancelled,
    };

    private static DateTimeOffset At(int minutes) => StartTime.AddMinutes(minutes);

    private static Task<ConformanceBooking[]> InsertAsync(StorageTestContext context, TenantId tenantId, params ConformanceBooking[] bookings)
        => ConformanceData.InsertAsync(context, tenantId, bookings);

    private static async Task<(ConformanceBooking First, ConformanceBooking Second)> InsertPairAsync(StorageTestContext context, ConformanceBooking first, ConformanceBooking second)
    {
        var stored = await InsertAsync(context, first.TenantId, first, second);
        return (stored[0], stored[1]);
    }

    private static Task<TimeRangeConflictException?> TryInsertAsync(StorageTestContext context, TenantId tenantId, ConformanceBooking booking)
        => TryCommitAsync(context, tenantId, s => s.Insert(booking));

    /// <summary>Stages work in a new session and commits it; returns the time-range conflict it met, or <see langword="null"/> when it committed.</summary>
    private static async Task<TimeRangeConflictException?> TryCommitAsync(StorageTestContext context, TenantId tenantId, Action<IStorageSession> stage)
    {
        await using var session = context.OpenSession(tenantId);
        stage(session);
        try
        {
            await session.CommitAsync();
            return null;
        }
        catch (TimeRangeConflictException conflict)
        {
            return conflict;
        }
    }

    private static TimeRangeConflictException? TryInsertOnThread(StorageTestContext context, ConformanceBooking booking)
        => TryInsertAsync(context, booking.TenantId, booking).GetAwaiter().GetResult();

    private static async Task<string[]> KeysAsync(StorageTestContext context, TenantId tenantId)
    {
        await using var session = context.OpenSession(tenantId);
        var page = await session.QueryAsync(DocumentQuery<ConformanceBooking>.All.Take(1000));
        return page.Items.Select(b => b.Key).ToArray();
    }

    private Task<StorageTestContext> StartTimeRangesAsync()
        => StartAsync(remedora: r => r.AddStorageModelContributor<TimeRangeConformanceCollections>());
}
