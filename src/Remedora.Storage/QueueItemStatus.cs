namespace Remedora.Storage;

/// <summary>Where a queue item is in its life.</summary>
public enum QueueItemStatus
{
    /// <summary>Waiting to be claimed (from its available time on).</summary>
    Ready = 0,

    /// <summary>Held under a lease; claimable again once the lease has expired.</summary>
    Leased = 1,

    /// <summary>Done.</summary>
    Completed = 2,

    /// <summary>Given up after failures; can be listed and replayed.</summary>
    DeadLettered = 3,

    /// <summary>No longer needed.</summary>
    Cancelled = 4,
}
