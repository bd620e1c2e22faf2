namespace Remedora.Testing.Storage;

/// <summary>
/// A booking the time-range conformance suite stores: it holds a practitioner's time (no overlap) and a seat of a room
/// (at most three at once), unless it is cancelled.
/// </summary>
public sealed record ConformanceBooking
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }

    /// <summary>Gets the practitioner whose time the booking holds (constraint <c>practitioner-time</c>, capacity 1); <see langword="null"/> for none.</summary>
    public string? PractitionerId { get; init; }

    /// <summary>Gets the room one of whose seats the booking holds (constraint <c>room-seats</c>, capacity 3); <see langword="null"/> for none.</summary>
    public string? RoomId { get; init; }

    /// <summary>Gets the first instant the booking holds.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the first instant the booking no longer holds.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Gets a value indicating whether the booking is cancelled (a cancelled booking holds no time).</summary>
    public bool Cancelled { get; init; }
}
