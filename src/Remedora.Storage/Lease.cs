namespace Remedora.Storage;

/// <summary>The right, until <see cref="ExpiresAt"/>, to work on a queue item. <see cref="Token"/> fences out stale holders.</summary>
/// <param name="TenantId">The item's tenant.</param>
/// <param name="Queue">The item's queue.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Owner">Who holds the lease.</param>
/// <param name="Token">Unique to this claim: renew, release, complete and fail succeed only while it is the item's current token.</param>
/// <param name="ExpiresAt">When the lease expires.</param>
/// <param name="Attempt">Which claim of the item this is (1 for the first).</param>
public sealed record Lease(TenantId TenantId, string Queue, Guid ItemId, string Owner, Guid Token, DateTimeOffset ExpiresAt, int Attempt);
