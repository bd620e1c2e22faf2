using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.InMemory.Tests.Docs;

/// <summary>The time-range example of docs/storage.md, compiled and run: a second booking of the same practitioner's time is refused and writes nothing.</summary>
public sealed class TimeRangeDocsExampleTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Commit_SecondBookingOfSamePractitionerTime_ReturnsSlotTakenAndWritesNothing()
    {
        var storage = new InMemoryStorage(StorageModel.Create([new SchedulingCollections()]), new JsonDocumentCodec(), new FakeTimeProvider(Nine));
        var tenantId = TenantId.Parse("clinic-1");
        var practitionerId = Id<Practitioner>.New();

        Assert.Null(await BookAsync(storage, tenantId, practitionerId, Nine));
        Assert.Equal("practitioner-time", await BookAsync(storage, tenantId, practitionerId, Nine.AddMinutes(15)));
        Assert.Null(await BookAsync(storage, tenantId, practitionerId, Nine.AddMinutes(30)));

        Assert.Equal(2, (await storage.ReadChainAsync(tenantId).CountAsync()));
    }

    private static async Task<string?> BookAsync(InMemoryStorage storage, TenantId tenantId, Id<Practitioner> practitionerId, DateTimeOffset nine)
    {
        await using var session = storage.OpenSession(tenantId);
        var booked = new AuditEvent
        {
            TenantId = tenantId,
            OccurredAt = nine,
            ActorId = "scheduler",
            ActorRole = ActorRole.System,
            Action = AuditAction.Create,
            ResourceType = "Appointment",
            Outcome = AuditOutcome.Success,
        };

        // docs/storage.md, "Time-range constraints":
        session.Insert(new Booking(Id<Booking>.New(), tenantId, practitionerId, nine, nine.AddMinutes(30)));
        session.Audit(booked);
        try
        {
            await session.CommitAsync();
        }
        catch (TimeRangeConflictException conflict)   // conflict.Collection, conflict.Constraint; nothing was written
        {
            return SlotTaken(conflict.Constraint);
        }

        return null;
    }

    private static string SlotTaken(string constraint) => constraint;

    public sealed record Booking(Id<Booking> Id, TenantId TenantId, Id<Practitioner> PractitionerId, DateTimeOffset Start, DateTimeOffset End)
    {
        public bool Cancelled { get; init; }

        public long Version { get; init; }
    }

    public sealed class SchedulingCollections : IStorageModelContributor
    {
        public static DocumentCollection<Booking> Bookings { get; } =
            new DocumentCollectionBuilder<Booking>("scheduling.bookings", "Appointment")
                .Key(b => b.Id)
                .Tenant(b => b.TenantId)
                .Version(b => b.Version, (b, v) => b with { Version = v })
                .TimeRange("practitioner-time", b => b.PractitionerId, b => b.Start, b => b.End, when: b => !b.Cancelled)
                .Build();

        public void Contribute(StorageModelBuilder model) => model.Add(Bookings);
    }
}
