using System.Text.Json;

namespace Remedora.Storage;

/// <summary>
/// A message that leaves a unit of work through the outbox: written in the same transaction as the change, delivered
/// after commit, at least once, to each handler registered for its <see cref="MessageType"/>.
/// </summary>
/// <remarks>
/// <para>Delivery is tracked per message and handler: when the message is due, a dispatcher hands it to the handlers
/// that subscribe to its type at that moment (one delivery each, in <see cref="DeliveryQueueName"/>), and each delivery
/// is retried, dead-lettered and replayed on its own. A handler registered later does not receive messages that were
/// handed out before it was registered.</para>
/// <para>A message with a <see cref="Key"/> can be withdrawn or rescheduled by a later unit of work
/// (<see cref="IStorageSession.WithdrawMessage"/>, <see cref="IStorageSession.RescheduleMessage"/>) until it is handed
/// to its handlers.</para>
/// </remarks>
public sealed record OutboxMessage
{
    /// <summary>The queue that holds outbox messages until they are due and handed to their handlers.</summary>
    public const string QueueName = "remedora.outbox";

    /// <summary>The queue that holds the deliveries of outbox messages, one per message and handler.</summary>
    public const string DeliveryQueueName = "remedora.outbox.deliveries";

    /// <summary>The longest <see cref="Key"/>, in characters.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Gets the message type handlers subscribe to, for example <c>care-paths.case-transitioned</c>.</summary>
    public required string MessageType { get; init; }

    /// <summary>Gets the payload as JSON. Carry ids, not patient details.</summary>
    public required string Payload { get; init; }

    /// <summary>Gets the key handlers use to recognise a repeated delivery; the same on every attempt.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the earliest delivery time; <see langword="null"/> for as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// Gets the key later units of work withdraw or reschedule the message by, unique within the tenant among messages
    /// not yet handed to their handlers (1 to <see cref="MaxKeyLength"/> characters, no patient data); <see langword="null"/>
    /// for a message that is never withdrawn or rescheduled.
    /// </summary>
    /// <remarks>Commit throws <see cref="ConcurrencyConflictException"/> when a pending message of the tenant already has the key.</remarks>
    public string? Key { get; init; }

    /// <summary>Creates a message with a JSON payload.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="messageType">The message type.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="idempotencyKey">The idempotency key.</param>
    /// <param name="options">The serializer options; the default is web defaults.</param>
    /// <returns>The message.</returns>
    public static OutboxMessage Create<T>(string messageType, T payload, string idempotencyKey, JsonSerializerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageType);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new OutboxMessage
        {
            MessageType = messageType,
            Payload = JsonSerializer.Serialize(payload, options ?? JsonSerializerOptions.Web),
            IdempotencyKey = idempotencyKey,
        };
    }

    /// <summary>Converts the message into the queue item a provider stores for it.</summary>
    /// <param name="tenantId">The tenant of the unit of work.</param>
    /// <param name="now">The commit time.</param>
    /// <returns>The queue item in <see cref="QueueName"/>.</returns>
    public QueueItem ToQueueItem(TenantId tenantId, DateTimeOffset now)
    {
        var available = NotBefore is { } notBefore && notBefore > now ? notBefore : now;
        return new QueueItem
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Queue = QueueName,
            DueAt = available,
            AvailableAt = available,
            MessageType = MessageType,
            Payload = Payload,
            IdempotencyKey = IdempotencyKey,
            CreatedAt = now,
        };
    }
}
