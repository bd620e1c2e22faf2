using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Remedora.Storage;

/// <summary>Operates the outbox: counts its messages, lists dead letters and replays them once their cause is fixed.</summary>
public interface IOutboxAdmin
{
    /// <summary>Counts the outbox's messages.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="cancellationToken">A token to cancel the count.</param>
    /// <returns>The statistics of the <see cref="OutboxMessage.QueueName"/> queue.</returns>
    Task<QueueStatistics> GetStatisticsAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Lists dead-lettered messages, oldest first, with keyset paging.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="limit">The page size, from 1 to 1000.</param>
    /// <param name="continuationToken">The previous page's token.</param>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>A page of messages; <see cref="QueueItem.LastError"/> says why each failed.</returns>
    Task<QueuePage> ListDeadLettersAsync(TenantId? tenantId = null, int limit = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Replays a dead-lettered message: it is delivered again, with its attempts reset and the same idempotency key.</summary>
    /// <param name="tenantId">The message's tenant.</param>
    /// <param name="messageId">The message id (its queue item id).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when the message was requeued; <see langword="false"/> when the tenant has no such dead-lettered outbox message.</returns>
    Task<bool> ReplayAsync(TenantId tenantId, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Replays every dead-lettered message of a tenant, or of all tenants.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all tenants.</param>
    /// <param name="cancellationToken">A token to stop; messages replayed so far stay replayed.</param>
    /// <returns>The number of messages replayed.</returns>
    Task<int> ReplayAllAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IOutboxAdmin"/>, over the provider's <see cref="IWorkQueue"/>.</summary>
public sealed class OutboxAdmin : IOutboxAdmin
{
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
        => _queue.GetStatisticsAsync(OutboxMessage.QueueName, tenantId, cancellationToken);

    /// <inheritdoc/>
    public Task<QueuePage> ListDeadLettersAsync(TenantId? tenantId = null, int limit = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return _queue.ListAsync(
            new QueueQuery
            {
                Queue = OutboxMessage.QueueName,
                TenantId = tenantId,
                Status = QueueItemStatus.DeadLettered,
                Limit = limit,
                ContinuationToken = continuationToken,
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> ReplayAsync(TenantId tenantId, Guid messageId, CancellationToken cancellationToken = default)
    {
        var item = await _queue.GetAsync(tenantId, messageId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.Queue != OutboxMessage.QueueName || item.Status != QueueItemStatus.DeadLettered)
        {
            return false;
        }

        var replayed = await _queue.RequeueAsync(tenantId, messageId, cancellationToken).ConfigureAwait(false);
        if (replayed)
        {
            StorageLog.Replayed(_logger, messageId, tenantId);
        }

        return replayed;
    }

    /// <inheritdoc/>
    public async Task<int> ReplayAllAsync(TenantId? tenantId = null, CancellationToken cancellationToken = default)
    {
        var replayed = 0;
        string? token = null;
        do
        {
            var page = await ListDeadLettersAsync(tenantId, 1000, token, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (await _queue.RequeueAsync(item.TenantId, item.Id, cancellationToken).ConfigureAwait(false))
                {
                    StorageLog.Replayed(_logger, item.Id, item.TenantId);
                    replayed++;
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return replayed;
    }
}
