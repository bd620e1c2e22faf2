namespace Remedora.Storage;

/// <summary>
/// A withdrawal or reschedule a session stages for the queue: providers apply them in staging order, before the
/// session's new items and messages, inside the commit's transaction. Validated when staged.
/// </summary>
internal sealed record QueueChange(QueueChangeKind Kind, Guid ItemId, string? MessageKey, DateTimeOffset? AvailableAt, DateTimeOffset? DueAt)
{
    /// <summary>Gets the lease a <see cref="QueueChangeKind.ReleaseLease"/> gives back.</summary>
    public Lease? Lease { get; init; }

    /// <summary>Gets the new assignee of an <see cref="QueueChangeKind.AssignItem"/> (<see langword="null"/> for everyone eligible).</summary>
    public string? Assignee { get; init; }

    /// <summary>Gets a value indicating whether the commit fails when the change finds nothing to change (a lost lease).</summary>
    public bool IsStrict => Kind == QueueChangeKind.ReleaseLease;

    public static QueueChange ReleaseLease(Lease lease, DateTimeOffset? availableAt)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return new(QueueChangeKind.ReleaseLease, lease.ItemId, null, availableAt is { } at ? StorageTime.Normalize(at) : null, null) { Lease = lease };
    }

    public static QueueChange AssignItem(Guid itemId, string? assignee)
    {
        RequireId(itemId);
        if (assignee is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        }

        return new(QueueChangeKind.AssignItem, itemId, null, null, null) { Assignee = assignee };
    }

    public static QueueChange WithdrawItem(Guid itemId)
    {
        RequireId(itemId);
        return new(QueueChangeKind.WithdrawItem, itemId, null, null, null);
    }

    public static QueueChange RescheduleItem(Guid itemId, DateTimeOffset? availableAt, DateTimeOffset? dueAt)
    {
        RequireId(itemId);
        if (availableAt is null && dueAt is null)
        {
            throw new ArgumentException("A reschedule moves the available time, the due time or both; neither was given.", nameof(availableAt));
        }

        return new(
            QueueChangeKind.RescheduleItem,
            itemId,
            null,
            availableAt is { } at ? StorageTime.Normalize(at) : null,
            dueAt is { } due ? StorageTime.Normalize(due) : null);
    }

    public static QueueChange WithdrawMessage(string key)
    {
        OutboxKeys.Validate(key, nameof(key));
        return new(QueueChangeKind.WithdrawMessage, Guid.Empty, key, null, null);
    }

    public static QueueChange RescheduleMessage(string key, DateTimeOffset notBefore)
    {
        OutboxKeys.Validate(key, nameof(key));
        var at = StorageTime.Normalize(notBefore);
        return new(QueueChangeKind.RescheduleMessage, Guid.Empty, key, at, at);
    }

    private static void RequireId(Guid itemId)
    {
        if (itemId == Guid.Empty)
        {
            throw new ArgumentException("A queue item id is not the empty GUID.", nameof(itemId));
        }
    }
}
