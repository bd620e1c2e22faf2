using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Remedora.Storage;

/// <summary>
/// Operates the outbox: counts its messages and deliveries, lists dead letters (with the handler that failed) and
/// replays them once their cause is fixed.
/// </summary>
public interface IOutboxAdmin
{
    /// <summary>Counts the outbox's pending messages and per-handler deliveries together.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="cancellationToken">A token to cancel the count.</param>
    /// <returns>The sums of the statistics of the <see cref="OutboxMessage.QueueName"/> and <see cref="OutboxMessage.DeliveryQueueName"/> queues.</returns>
    Task<QueueStatistics> GetStatisticsAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists dead letters, with keyset paging: first the dead-lettered deliveries (one per message and failed handler),
    /// oldest first, then messages dead-lettered before they reached their handlers.
    /// </summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="limit">The page size, from 1 to 1000.</param>
    /// <param name="continuationToken">The previous page's token.</param>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>A page of dead letters; <see cref="OutboxDeadLetter.Handler"/> names the handler that failed, <see cref="OutboxDeadLetter.LastError"/> why.</returns>
    Task<OutboxDeadLetterPage> ListDeadLettersAsync(TenantId? tenantId = null, int limit = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays a dead letter: its handler receives the message again (attempts reset, same message id and idempotency
    /// key); the message's other handlers do not.
    /// </summary>
    /// <param name="tenantId">The dead letter's tenant.</param>
    /// <param name="deadLetterId">The dead letter's <see cref="OutboxDeadLetter.Id"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when it was requeued; <see langword="false"/> when the tenant has no such outbox dead letter.</returns>
    Task<bool> ReplayAsync(TenantId tenantId, Guid deadLetterId, CancellationToken cancellationToken = default);

    /// <summary>Replays every dead letter of a tenant, or of all tenants.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="cancellationToken">A token to stop; dead letters replayed so far stay replayed.</param>
    /// <returns>The number of dead letters replayed.</returns>
    Task<int> ReplayAllAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IOutboxAdmin"/>, over the provider's <see cref="IWorkQueue"/>.</summary>
public sealed class OutboxAdmin : IOutboxAdmin
{
    private const string DeliveriesPhase = "d:";
    private const string MessagesPhase = "m:";

    private readonly IWorkQueue _queue;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="OutboxAdmin"/> class.</summary>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="logger">The logger; replays are logged with ids only.</param>
    public OutboxAdmin(IWorkQueue queue, ILogger<OutboxAdmin>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public Task<QueueStatistics> GetStatisticsAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default)
        => OutboxDeliveries.GetStatisticsAsync(_queue, tenantId, cancellationToken);

    /// <inheritdoc/>
    public async Task<OutboxDeadLetterPage> ListDeadLettersAsync(TenantId? tenantId = null, int limit = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var (queue, inner) = continuationToken switch
        {
            null => (OutboxMessage.DeliveryQueueName, (string?)null),
            _ when continuationToken.StartsWith(DeliveriesPhase, StringComparison.Ordinal) => (OutboxMessage.DeliveryQueueName, continuationToken[DeliveriesPhase.Length..]),
            _ when continuationToken.StartsWith(MessagesPhase, StringComparison.Ordinal) => (OutboxMessage.QueueName, NullIfEmpty(continuationToken[MessagesPhase.Length..])),
            _ => throw new ArgumentException("The continuation token is malformed: pass the token of a previous page of the same listing unchanged.", nameof(continuationToken)),
        };

        var items = new List<OutboxDeadLetter>(limit);
        while (true)
        {
            var page = await _queue.ListAsync(
                new QueueQuery { Queue = queue, TenantId = tenantId, Status = QueueItemStatus.DeadLettered, Limit = limit - items.Count, ContinuationToken = inner },
                cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items.Select(OutboxDeliveries.DeadLetter));
            var phase = queue == OutboxMessage.DeliveryQueueName ? DeliveriesPhase : MessagesPhase;
            if (page.ContinuationToken is { } next)
            {
                return new OutboxDeadLetterPage(items, phase + next);
            }

            if (queue == OutboxMessage.QueueName)
            {
                return new OutboxDeadLetterPage(items, null);
            }

            // The deliveries are listed: go on with messages that never reached their handlers.
            queue = OutboxMessage.QueueName;
            inner = null;
            if (items.Count == limit)
            {
                return new OutboxDeadLetterPage(items, MessagesPhase);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ReplayAsync(TenantId tenantId, Guid deadLetterId, CancellationToken cancellationToken = default)
    {
        var item = await _queue.GetAsync(tenantId, deadLetterId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.Status != QueueItemStatus.DeadLettered || item.Queue is not (OutboxMessage.QueueName or OutboxMessage.DeliveryQueueName))
        {
            return false;
        }

        var replayed = await _queue.RequeueAsync(tenantId, deadLetterId, cancellationToken).ConfigureAwait(false);
        if (replayed)
        {
            StorageLog.Replayed(_logger, OutboxDeliveries.MessageIdOf(item), tenantId, OutboxDeliveries.HandlerOf(item) ?? "*");
        }

        return replayed;
    }

    /// <inheritdoc/>
    public async Task<int> ReplayAllAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default)
    {
        var replayed = 0;
        foreach (var queue in new[] { OutboxMessage.DeliveryQueueName, OutboxMessage.QueueName })
        {
            string? token = null;
            do
            {
                var page = await _queue.ListAsync(
                    new QueueQuery { Queue = queue, TenantId = tenantId, Status = QueueItemStatus.DeadLettered, Limit = 1000, ContinuationToken = token },
                    cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    if (await _queue.RequeueAsync(item.TenantId, item.Id, cancellationToken).ConfigureAwait(false))
                    {
                        StorageLog.Replayed(_logger, OutboxDeliveries.MessageIdOf(item), item.TenantId, OutboxDeliveries.HandlerOf(item) ?? "*");
                        replayed++;
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return replayed;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
