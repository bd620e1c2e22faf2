namespace Remedora.Storage;

/// <summary>
/// A dead-lettered outbox delivery: the message, and the handler whose last attempt failed. Replay it with
/// <see cref="IOutboxAdmin.ReplayAsync"/> once the cause is fixed; only that handler receives the message again.
/// </summary>
public sealed record OutboxDeadLetter
{
    /// <summary>Gets the id to replay the dead letter by (the delivery's queue item id).</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the tenant whose unit of work published the message.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the message id, as handlers see it in <see cref="OutboxEnvelope.MessageId"/>.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>Gets the message type.</summary>
    public required string MessageType { get; init; }

    /// <summary>
    /// Gets the name of the handler whose delivery failed (<see cref="IOutboxHandler.Name"/>); <see langword="null"/>
    /// when the message itself was dead-lettered before it reached its handlers (for example a message dead-lettered
    /// by a version that delivered to all handlers at once): replaying it hands it to every current subscriber.
    /// </summary>
    public string? Handler { get; init; }

    /// <summary>Gets the message's idempotency key.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets how many attempts were made.</summary>
    public required int Attempts { get; init; }

    /// <summary>Gets the last failure's description: an exception type and code, never PHI.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets when the message was committed.</summary>
    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>Gets when the delivery was dead-lettered.</summary>
    public DateTimeOffset? DeadLetteredAt { get; init; }
}
