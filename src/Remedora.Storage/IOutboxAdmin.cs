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
