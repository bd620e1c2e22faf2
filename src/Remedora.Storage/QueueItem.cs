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
