namespace Remedora.Storage;

/// <summary>Counts of a queue's items.</summary>
public sealed record QueueStatistics
{
    /// <summary>Gets the number of items waiting (ready, including those not yet available).</summary>
    public long Ready { get; init; }

    /// <summary>Gets the number of items under an unexpired lease.</summary>
    public long Leased { get; init; }

    /// <summary>Gets the number of items whose lease has expired (claimable again).</summary>
    public long Expired { get; init; }

    /// <summary>Gets the number of dead-lettered items.</summary>
    public long DeadLettered { get; init; }

    /// <summary>Gets the number of unfinished items whose due time has passed.</summary>
    public long Overdue { get; init; }

    /// <summary>Gets the number of unfinished items by priority.</summary>
    public IReadOnlyDictionary<int, long> UnfinishedByPriority { get; init; } = new Dictionary<int, long>();

    /// <summary>Gets the earliest available time among claimable items (ready or expired); the lag of a dispatcher is now minus this.</summary>
    public DateTimeOffset? OldestClaimableSince { get; init; }
}
