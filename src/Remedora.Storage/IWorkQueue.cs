namespace Remedora.Storage;

/// <summary>
/// Atomic claims with leases over queue items. Implemented by each storage provider; safe for many callers in many
/// processes at once (claims are decided in the database, never in process memory).
/// </summary>
/// <remarks>Items are added through <see cref="IStorageSession.Enqueue"/> so they commit with the work that created them.</remarks>
public interface IWorkQueue
{
    /// <summary>Claims one specific item.</summary>
    /// <param name="tenantId">The item's tenant.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="owner">Who claims.</param>
    /// <param name="leaseDuration">How long the lease lasts.</param>
    /// <param name="cancellationToken">A token to cancel the claim.</param>
    /// <returns>The outcome: exactly one of many concurrent claimers gets <see cref="ClaimStatus.Claimed"/>.</returns>
    Task<ClaimOutcome> ClaimAsync(TenantId tenantId, Guid itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Claims the next claimable items of a queue that the request's routing allows, in claim order.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the claim.</param>
    /// <returns>The claimed items (possibly none); no item is ever returned to two concurrent claimers.</returns>
    Task<IReadOnlyList<LeasedItem>> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="leaseDuration">The new duration, from now.</param>
    /// <param name="cancellationToken">A token to cancel the renewal.</param>
    /// <returns>The renewed lease.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task<Lease> RenewAsync(Lease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Gives an item back to the queue.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="availableAt">When it may be claimed again; <see langword="null"/> for now.</param>
    /// <param name="cancellationToken">A token to cancel the release.</param>
    /// <returns>A task that completes when the item is back in the queue.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task ReleaseAsync(Lease lease, DateTimeOffset? availableAt = null, CancellationToken cancellationToken = default);

    /// <summary>Marks an item done.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">A token to cancel the completion.</param>
    /// <returns>A task that completes when the item is done.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task CompleteAsync(Lease lease, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: the item is retried from <paramref name="retryAt"/>, or dead-lettered when it is <see langword="null"/>.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="error">What went wrong, without PHI (for example an exception type and code).</param>
    /// <param name="retryAt">When to try again; <see langword="null"/> to dead-letter.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the failure is recorded.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task FailAsync(Lease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Reads an item.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The item, or <see langword="null"/> when the tenant has no such item.</returns>
    Task<QueueItem?> GetAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default);

    /// <summary>Lists items, oldest first by creation then id, with keyset paging.</summary>
    /// <param name="query">What to list.</param>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>A page of items.</returns>
    Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts a queue's items for views, metrics and health checks.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="cancellationToken">A token to cancel the count.</param>
    /// <returns>The statistics, as of now.</returns>
    Task<QueueStatistics> GetStatisticsAsync(string queue, TenantId? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Puts a dead-lettered (or cancelled) item back in the queue with its attempts reset, to replay it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when the item was requeued; <see langword="false"/> when it was not dead-lettered or cancelled.</returns>
    Task<bool> RequeueAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default);

    /// <summary>Cancels an item that is not finished; a lease on it is lost.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when the item was cancelled.</returns>
    Task<bool> CancelAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default);

    /// <summary>Assigns an unfinished item to one owner (or back to everyone eligible); a lease held by anyone else is revoked and the item is ready again.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="assignee">The new assignee; <see langword="null"/> to unassign.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when the item was reassigned; <see langword="false"/> when it is finished or missing.</returns>
    Task<bool> AssignAsync(TenantId tenantId, Guid itemId, string? assignee, CancellationToken cancellationToken = default);
}
