namespace Remedora.Storage;

/// <summary>What a staged <see cref="QueueChange"/> does.</summary>
internal enum QueueChangeKind
{
    /// <summary>Cancels an unfinished queue item by id.</summary>
    WithdrawItem,

    /// <summary>Moves an unfinished queue item's available and/or due time; a lease is kept.</summary>
    RescheduleItem,

    /// <summary>Cancels a pending outbox message by key.</summary>
    WithdrawMessage,

    /// <summary>Moves a pending outbox message's delivery time by key; a lease on it is revoked.</summary>
    RescheduleMessage,

    /// <summary>Gives a leased item back to its queue; the lease must still be held.</summary>
    ReleaseLease,

    /// <summary>Assigns an unfinished item to one owner (or to everyone eligible); a lease held by anyone else is revoked.</summary>
    AssignItem,
}
