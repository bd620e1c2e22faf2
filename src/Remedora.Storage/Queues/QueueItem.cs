namespace Remedora.Storage;

/// <summary>
/// An item in a work queue: the primitive behind the review queue, SLA timers and the outbox. Items are claimed
/// atomically under a lease; an expired lease makes the item claimable again.
/// </summary>
/// <remarks>
/// Claim order within a queue: highest <see cref="Priority"/> first, then earliest <see cref="DueAt"/>, then id.
/// An item can be claimed from <see cref="AvailableAt"/> on. The routing fields (<see cref="Jurisdiction"/>,
/// <see cref="Skill"/>, <see cref="Pool"/>, <see cref="AssignedTo"/>) restrict who may claim it.
/// </remarks>
public sealed record QueueItem
{
    /// <summary>Gets the item id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the queue name, for example <c>review</c>.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the priority; higher is claimed first.</summary>
    public int Priority { get; init; }

    /// <summary>Gets when the work is due; among equal priorities the earliest due is claimed first.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets when the item may first be claimed.</summary>
    public required DateTimeOffset AvailableAt { get; init; }

    /// <summary>Gets the jurisdiction a claimer must be allowed in; <see langword="null"/> for any.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>Gets the skill (specialty) a claimer must have; <see langword="null"/> for any.</summary>
    public string? Skill { get; init; }

    /// <summary>Gets the pool (for example a care team) a claimer must belong to; <see langword="null"/> for any.</summary>
    public string? Pool { get; init; }

    /// <summary>Gets the only owner who may claim the item; <see langword="null"/> for anyone eligible.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Gets the id of what the work is about (for example the patient), so relationship checks can find held work.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Gets the reference of the record the item stands for (for example a work item or case id).</summary>
    public string? Reference { get; init; }

    /// <summary>Gets the type of the payload, for example an outbox message type.</summary>
    public string? MessageType { get; init; }

    /// <summary>Gets the payload (JSON). Never PHI unless the provider encrypts it.</summary>
    public string? Payload { get; init; }

    /// <summary>Gets the idempotency key the consumer uses to ignore a repeated delivery.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the status. Set by storage.</summary>
    public QueueItemStatus Status { get; init; } = QueueItemStatus.Ready;

    /// <summary>Gets how many times the item has been claimed. Set by storage.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the owner of the current or last lease. Set by storage.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets when the current lease expires. Set by storage.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Gets the last failure's description (never PHI). Set by storage.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets when the item was enqueued. Set by storage.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the item was completed, dead-lettered or cancelled. Set by storage.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}

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

/// <summary>The right, until <see cref="ExpiresAt"/>, to work on a queue item. <see cref="Token"/> fences out stale holders.</summary>
/// <param name="TenantId">The item's tenant.</param>
/// <param name="Queue">The item's queue.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Owner">Who holds the lease.</param>
/// <param name="Token">Unique to this claim: renew, release, complete and fail succeed only while it is the item's current token.</param>
/// <param name="ExpiresAt">When the lease expires.</param>
/// <param name="Attempt">Which claim of the item this is (1 for the first).</param>
public sealed record Lease(TenantId TenantId, string Queue, Guid ItemId, string Owner, Guid Token, DateTimeOffset ExpiresAt, int Attempt);

/// <summary>A claimed item and its lease.</summary>
/// <param name="Lease">The lease.</param>
/// <param name="Item">The item as it was when claimed.</param>
public sealed record LeasedItem(Lease Lease, QueueItem Item);

/// <summary>Asks for the next claimable items of a queue.</summary>
public sealed record ClaimRequest
{
    /// <summary>Gets the queue.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the tenant whose items to claim; <see langword="null"/> to claim across tenants (dispatchers).</summary>
    public TenantId? TenantId { get; init; }

    /// <summary>Gets who claims.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets how long the lease lasts.</summary>
    public required TimeSpan LeaseDuration { get; init; }

    /// <summary>Gets the most items to claim.</summary>
    /// <value>The default is 1.</value>
    public int MaxItems { get; init; } = 1;

    /// <summary>Gets the jurisdictions the claimer may take work in; items without a jurisdiction always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Jurisdictions { get; init; }

    /// <summary>Gets the claimer's skills; items without a skill always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Skills { get; init; }

    /// <summary>Gets the pools the claimer belongs to; items without a pool always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Pools { get; init; }
}

/// <summary>The result of claiming one specific item.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Item">The claimed item and its lease, when <see cref="ClaimStatus.Claimed"/>.</param>
public readonly record struct ClaimOutcome(ClaimStatus Status, LeasedItem? Item)
{
    /// <summary>Gets a value indicating whether the claim succeeded.</summary>
    public bool IsClaimed => Status == ClaimStatus.Claimed;
}

/// <summary>What happened to a claim of one specific item.</summary>
public enum ClaimStatus
{
    /// <summary>The caller now holds the lease.</summary>
    Claimed = 0,

    /// <summary>Someone else holds an unexpired lease.</summary>
    AlreadyClaimed = 1,

    /// <summary>The tenant has no such item.</summary>
    NotFound = 2,

    /// <summary>The item is finished, not yet available, or assigned to someone else.</summary>
    NotClaimable = 3,
}

/// <summary>The lease is no longer held: it was lost to expiry and reclaimed, released, or the item was finished or reassigned.</summary>
public sealed class LeaseLostException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    /// <param name="lease">The lease that was lost.</param>
    public LeaseLostException(Lease lease)
        : base(StorageErrorCodes.LeaseLost, RemedoraErrorCategory.Conflict, $"The lease on queue item '{lease?.ItemId}' in queue '{lease?.Queue}' is no longer held by '{lease?.Owner}'. The item expired and was claimed again, or was released, finished or reassigned; claim it again before working on it.")
    {
        Lease = lease!;
    }

    /// <summary>Gets the lease that was lost.</summary>
    public Lease Lease { get; }
}

/// <summary>The stable error codes of the storage package.</summary>
public static class StorageErrorCodes
{
    /// <summary>A lease is no longer held.</summary>
    public const string LeaseLost = "remedora.storage.lease_lost";

    /// <summary>A generic write was refused because the collection is command-owned (see <see cref="WriteNotPermittedException"/>).</summary>
    public const string WriteNotPermitted = "remedora.storage.write_not_permitted";

    /// <summary>A continuation token was altered, forged or replayed by another actor or with another query (see <see cref="InvalidContinuationTokenException"/>).</summary>
    public const string InvalidContinuationToken = "remedora.storage.invalid_continuation_token";

    /// <summary>An update tried to move a record to another patient (see <see cref="RecordIdentityChangeException"/>).</summary>
    public const string IdentityChangeRefused = "remedora.storage.identity_change_refused";

    /// <summary>A commit would have made documents of one group overlap in time beyond a constraint's capacity (see <see cref="TimeRangeConflictException"/>).</summary>
    public const string TimeRangeConflict = "remedora.storage.time_range_conflict";

    /// <summary>A commit broke a unique index of a collection (see <see cref="UniqueConstraintViolationException"/>); a conflict, like <see cref="RemedoraErrorCodes.ConcurrencyConflict"/>.</summary>
    public const string UniqueConstraintViolation = "remedora.storage.unique_constraint_violation";
}
