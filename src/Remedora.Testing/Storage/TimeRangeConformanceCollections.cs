using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Contributes the collection of <see cref="ConformanceBooking"/>s (<c>conformance.bookings</c>) with its two time-range constraints.</summary>
public sealed class TimeRangeConformanceCollections : IStorageModelContributor
{
    /// <summary>The name of the constraint on a practitioner's time (capacity 1).</summary>
    public const string PractitionerTime = "practitioner-time";

    /// <summary>The name of the constraint on a room's seats (capacity <see cref="RoomSeats"/>).</summary>
    public const string RoomSeatsConstraint = "room-seats";

    /// <summary>How many bookings a room takes at once.</summary>
    public const int RoomSeats = 3;

    /// <summary>Gets the collection.</summary>
    public static DocumentCollection<ConformanceBooking> Bookings { get; } =
        new DocumentCollectionBuilder<ConformanceBooking>("conformance.bookings", "ConformanceBooking")
            .Key(b => b.Key)
            .Tenant(b => b.TenantId)
            .Version(b => b.Version, (b, v) => b with { Version = v })
            .TimeRange(PractitionerTime, b => b.PractitionerId, b => b.Start, b => b.End, when: b => !b.Cancelled)
            .TimeRange(RoomSeatsConstraint, b => b.RoomId, b => b.Start, b => b.End, capacity: RoomSeats, when: b => !b.Cancelled)
            .Build();

    /// <inheritdoc/>
    public void Contribute(StorageModelBuilder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Add(Bookings);
    }
}
