namespace Remedora.Storage;

/// <summary>
/// How a per-handler delivery is kept as a queue item in <see cref="OutboxMessage.DeliveryQueueName"/>: the handler's
/// name is the item's pool (so only a dispatcher with that handler claims it), the message id its reference, the
/// message's commit time its due time (deliveries of older messages come first), and the message's type, payload and
/// idempotency key are copied.
/// </summary>
internal static class OutboxDeliveries
{
    public static QueueItem Create(QueueItem message, string handlerName, DateTimeOffset now) => new()
    {
        Id = OutboxKeys.DeliveryId(message.TenantId, message.Id, handlerName),
        TenantId = message.TenantId,
        Queue = OutboxMessage.DeliveryQueueName,
        Priority = message.Priority,
        DueAt = message.CreatedAt,
        AvailableAt = now,
        Pool = handlerName,
        Reference = message.Id.ToString("D"),
        MessageType = message.MessageType,
        Payload = message.Payload,
        IdempotencyKey = message.IdempotencyKey ?? message.Id.ToString(),
    };

    public static bool IsDelivery(QueueItem item) => string.Equals(item.Queue, OutboxMessage.DeliveryQueueName, StringComparison.Ordinal);

    public static Guid MessageIdOf(QueueItem item)
        => IsDelivery(item) && Guid.TryParse(item.Reference, out var id) ? id : item.Id;

    public static string? HandlerOf(QueueItem item) => IsDelivery(item) ? item.Pool : null;

    public static DateTimeOffset CommittedAtOf(QueueItem item) => IsDelivery(item) ? item.DueAt : item.CreatedAt;

    public static OutboxEnvelope Envelope(QueueItem item, int attempt)
        => new(MessageIdOf(item), item.TenantId, item.MessageType ?? string.Empty, item.Payload ?? string.Empty, item.IdempotencyKey ?? item.Id.ToString(), attempt, CommittedAtOf(item));

    public static OutboxDeadLetter DeadLetter(QueueItem item) => new()
    {
        Id = item.Id,
        TenantId = item.TenantId,
        MessageId = MessageIdOf(item),
        MessageType = item.MessageType ?? string.Empty,
        Handler = HandlerOf(item),
        IdempotencyKey = item.IdempotencyKey ?? item.Id.ToString(),
        Attempts = item.Attempts,
        LastError = item.LastError,
        CommittedAt = CommittedAtOf(item),
        DeadLetteredAt = item.FinishedAt,
    };

    /// <summary>Adds up the statistics of the message queue and the delivery queue.</summary>
    public static async Task<QueueStatistics> GetStatisticsAsync(IWorkQueue queue, TenantId? tenantId, CancellationToken cancellationToken)
    {
        var messages = await queue.GetStatisticsAsync(OutboxMessage.QueueName, tenantId, cancellationToken).ConfigureAwait(false);
        var deliveries = await queue.GetStatisticsAsync(OutboxMessage.DeliveryQueueName, tenantId, cancellationToken).ConfigureAwait(false);
        var byPriority = new Dictionary<int, long>(messages.UnfinishedByPriority);
        foreach (var (priority, count) in deliveries.UnfinishedByPriority)
        {
            byPriority[priority] = byPriority.GetValueOrDefault(priority) + count;
        }

        DateTimeOffset? oldest = (messages.OldestClaimableSince, deliveries.OldestClaimableSince) switch
        {
            ({ } m, { } d) => m < d ? m : d,
            ({ } m, null) => m,
            (null, var d) => d,
        };
        return new QueueStatistics
        {
            Ready = messages.Ready + deliveries.Ready,
            Leased = messages.Leased + deliveries.Leased,
            Expired = messages.Expired + deliveries.Expired,
            DeadLettered = messages.DeadLettered + deliveries.DeadLettered,
            Overdue = messages.Overdue + deliveries.Overdue,
            UnfinishedByPriority = byPriority,
            OldestClaimableSince = oldest,
        };
    }
}
