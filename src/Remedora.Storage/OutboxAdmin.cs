using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Remedora.Storage;

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
