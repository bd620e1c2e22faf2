using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Diagnostics;

namespace Remedora.Storage;

/// <summary>
/// Delivers outbox messages after their unit of work has committed, per message and handler. Each pass claims due
/// messages of every tenant from the <see cref="OutboxMessage.QueueName"/> queue and hands each to the handlers that
/// subscribe to its type (one delivery per handler, in <see cref="OutboxMessage.DeliveryQueueName"/>, created in the
/// same transaction that completes the message), then claims deliveries in batches and runs each one's handler:
/// completes it, or schedules a retry with exponential backoff and dead-letters it after the last attempt. A failing
/// handler is retried and dead-lettered alone; the message's other handlers run once. Runs as a hosted service; tests
/// drive it by hand with <see cref="RunOnceAsync"/>.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once per handler: a delivery whose lease is lost (the process stopped, or a handler
/// outlived the lease without a renewal) is delivered again to that handler, with the same
/// <see cref="OutboxEnvelope.MessageId"/> and <see cref="OutboxEnvelope.IdempotencyKey"/>.</para>
/// <para>While a batch is being handled its leases are renewed every third of
/// <see cref="OutboxDispatcherOptions.LeaseDuration"/>, so any number of dispatchers, in any number of processes, never
/// deliver one message to one handler at the same time.</para>
/// <para>The subscribers of a message are the handlers registered in the dispatcher that hands it out, when it is due.
/// A handler registered later does not receive messages handed out before; a delivery waits for a dispatcher that has a
/// handler of its <see cref="IOutboxHandler.Name"/> (register the same handlers in every dispatcher of a deployment; a
/// delivery whose handler is gone everywhere waits, and the health check reports it as stalled).</para>
/// <para>A message whose type no handler subscribes to is not an error: it is completed at once (delivered to no one),
/// counted in <see cref="OutboxDispatchResult.Unhandled"/> and in the <see cref="StorageTelemetry.OutboxUnhandledInstrument"/>
/// counter with its message type, and logged at Debug only; it is neither retried nor dead-lettered.</para>
/// </remarks>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IStorageSessionFactory _sessions;
    private readonly IWorkQueue _queue;
    private readonly Func<HandlerSet> _handlers;
    private readonly IOptions<OutboxDispatcherOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _running;

    /// <summary>Initializes a new instance of the <see cref="OutboxDispatcher"/> class; handlers are resolved from a new scope for every delivery.</summary>
    /// <param name="sessions">The session factory of the storage provider: a message is handed to its handlers in one unit of work.</param>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="scopeFactory">Creates the scope each delivery's handler is resolved from.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for retry times, lease renewals and the poll interval.</param>
    /// <param name="logger">The logger.</param>
    public OutboxDispatcher(IStorageSessionFactory sessions, IWorkQueue queue, IServiceScopeFactory scopeFactory, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider, ILogger<OutboxDispatcher>? logger = null)
        : this(sessions, queue, FromScopes(scopeFactory), options, timeProvider, logger)
    {
    }

    private OutboxDispatcher(IStorageSessionFactory sessions, IWorkQueue queue, Func<HandlerSet> handlers, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _queue = queue;
        _handlers = handlers;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        Owner = options.Value.OwnerId ?? $"outbox-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Gets the lease owner this dispatcher claims as.</summary>
    public string Owner { get; }

    /// <summary>
    /// Gets a value indicating whether the dispatcher's hosted loop is running in this process (started, enabled and
    /// not yet stopped). A dispatcher driven only by <see cref="RunOnceAsync"/> is not running.
    /// </summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>Creates a dispatcher without a container.</summary>
    /// <param name="sessions">The session factory of the storage provider.</param>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="handlers">The handlers; each receives the messages of its <see cref="IOutboxHandler.MessageType"/>. Their names must differ.</param>
    /// <param name="options">The options; validate them first (the container does it at start).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The dispatcher.</returns>
    /// <exception cref="ArgumentException">Two handlers have the same <see cref="IOutboxHandler.Name"/>.</exception>
    public static OutboxDispatcher Create(IStorageSessionFactory sessions, IWorkQueue queue, IEnumerable<IOutboxHandler> handlers, OutboxDispatcherOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        var list = handlers.ToArray();
        _ = HandlerCatalog.From(list);
        return new OutboxDispatcher(sessions, queue, () => new HandlerSet(list, null), Options.Create(options), timeProvider, logger);
    }

    /// <summary>
    /// Hands one batch of due messages to their handlers, then claims one batch of deliveries, runs each one's handler
    /// and records the outcomes. Call it in a loop to drain the outbox by hand (tests do, with a
    /// <c>FakeTimeProvider</c> for retry times).
    /// </summary>
    /// <param name="cancellationToken">A token to stop; messages and deliveries not yet handled are released back to the queue.</param>
    /// <returns>What happened; <see cref="OutboxDispatchResult.Messages"/> and <see cref="OutboxDispatchResult.Claimed"/> are 0 when nothing was due.</returns>
    /// <exception cref="InvalidOperationException">Two registered handlers have the same <see cref="IOutboxHandler.Name"/>.</exception>
    public async Task<OutboxDispatchResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var catalog = await ReadCatalogAsync().ConfigureAwait(false);
        var counts = new Counts();
        await FanOutAsync(catalog, options, counts, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<LeasedItem> claimed = [];
        if (catalog.Names.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            claimed = await _queue.ClaimNextAsync(
                new ClaimRequest
                {
                    Queue = OutboxMessage.DeliveryQueueName,
                    Owner = Owner,
                    LeaseDuration = options.LeaseDuration,
                    MaxItems = options.BatchSize,
                    Pools = catalog.Names,
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (claimed.Count > 0)
        {
            await DeliverBatchAsync(claimed, options, counts, cancellationToken).ConfigureAwait(false);
        }

        var result = new OutboxDispatchResult(claimed.Count, counts.Delivered, counts.Retried, counts.DeadLettered, counts.Released, counts.LeasesLost)
        {
            Messages = counts.Messages,
            Unhandled = counts.Unhandled,
        };
        if (result != default)
        {
            StorageLog.BatchDispatched(_logger, Owner, result.Messages, result.Unhandled, result.Claimed, result.Delivered, result.Retried, result.DeadLettered, result.Released, result.LeasesLost);
        }

        return result;
    }

    /// <summary>Starts the hosted loop; an enabled dispatcher counts as running (<see cref="IsRunning"/>) from here on.</summary>
    /// <param name="cancellationToken">Indicates that the start should no longer go on.</param>
    /// <returns>A task that completes when the loop has been started.</returns>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.Enabled)
        {
            Volatile.Write(ref _running, 1);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>Stops the hosted loop; the dispatcher no longer counts as running.</summary>
    /// <param name="cancellationToken">Indicates that the stop should no longer wait for the loop to finish.</param>
    /// <returns>A task that completes when the loop has stopped, or the wait was cancelled.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.Value;
        if (!options.Enabled)
        {
            StorageLog.DispatcherDisabled(_logger);
            return;
        }

        StorageLog.DispatcherStarted(_logger, Owner, options.BatchSize, options.MaxAttempts);
        Volatile.Write(ref _running, 1);
        try
        {
            await PollAsync(options, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        StorageLog.DispatcherStopped(_logger, Owner);
    }

    private async Task PollAsync(OutboxDispatcherOptions options, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = default(OutboxDispatchResult);
            try
            {
                result = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                StorageLog.PollFailed(_logger, Owner, ex.GetType().FullName ?? ex.GetType().Name, (ex as RemedoraException)?.Code);
            }

            if (result.Claimed >= options.BatchSize || result.Messages >= options.BatchSize)
            {
                continue;
            }

            try
            {
                await Task.Delay(options.PollInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static Func<HandlerSet> FromScopes(IServiceScopeFactory scopeFactory)
    {
        ArgumentNullException.ThrowIfNull(scopeFactory);
        return () =>
        {
            var scope = scopeFactory.CreateAsyncScope();
            return new HandlerSet(scope.ServiceProvider.GetServices<IOutboxHandler>().ToArray(), scope);
        };
    }

    private static string DescribeError(Exception exception)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        return exception is RemedoraException remedora ? $"{type} ({remedora.Code})" : type;
    }

    private async Task<HandlerCatalog> ReadCatalogAsync()
    {
        var handlers = _handlers();
        try
        {
            return HandlerCatalog.From(handlers.Handlers);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
        finally
        {
            if (handlers.Scope is { } scope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Claims due messages and hands each to its subscribers: one unit of work per message creates a delivery per
    /// subscribing handler and completes the message, so a message is handed out once, or (when its lease was lost
    /// because it was withdrawn, rescheduled or taken over) not at all.
    /// </summary>
    private async Task FanOutAsync(HandlerCatalog catalog, OutboxDispatcherOptions options, Counts counts, CancellationToken cancellationToken)
    {
        var claimed = await _queue.ClaimNextAsync(
            new ClaimRequest { Queue = OutboxMessage.QueueName, Owner = Owner, LeaseDuration = options.LeaseDuration, MaxItems = options.BatchSize },
            cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        for (var i = 0; i < claimed.Count; i++)
        {
            var (lease, item) = (claimed[i].Lease, claimed[i].Item);
            var messageType = item.MessageType ?? string.Empty;
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseQuietlyAsync(lease, counts).ConfigureAwait(false);
                continue;
            }

            if (StorageTelemetry.OutboxLag.Enabled)
            {
                var lag = now - item.AvailableAt;
                StorageTelemetry.OutboxLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
            }

            var subscribers = catalog.For(messageType);
            try
            {
                if (subscribers.Count == 0)
                {
                    // Nobody subscribes to this type: delivered to no one, not an error.
                    await _queue.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
                    counts.Messages++;
                    counts.Unhandled++;
                    StorageTelemetry.OutboxUnhandled.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                    StorageLog.NoHandler(_logger, messageType, item.Id);
                    continue;
                }

                await using var session = _sessions.OpenSession(item.TenantId);
                var handedOutAt = StorageTime.Normalize(_timeProvider.GetUtcNow());
                foreach (var name in subscribers)
                {
                    session.Enqueue(OutboxDeliveries.Create(item, name, handedOutAt));
                }

                session.Complete(lease);
                await session.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                counts.Messages++;
            }
            catch (Exception ex) when (ex is LeaseLostException or ConcurrencyConflictException)
            {
                // Withdrawn, rescheduled or taken over by another dispatcher while it was being handed out: nothing was written.
                counts.LeasesLost++;
                StorageLog.LeaseLost(_logger, Owner, item.Id, messageType);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var error = DescribeError(ex);
                StorageLog.FanOutFailed(_logger, Owner, item.Id, messageType, item.TenantId, error, lease.Attempt, options.MaxAttempts);
                try
                {
                    var retryAt = lease.Attempt >= options.MaxAttempts ? (DateTimeOffset?)null : _timeProvider.GetUtcNow() + options.GetRetryDelay(lease.Attempt);
                    await _queue.FailAsync(lease, error, retryAt, CancellationToken.None).ConfigureAwait(false);
                    if (retryAt is null)
                    {
                        counts.DeadLettered++;
                    }
                    else
                    {
                        counts.Retried++;
                    }
                }
                catch (LeaseLostException)
                {
                    counts.LeasesLost++;
                }
            }
        }
    }

    private async Task DeliverBatchAsync(IReadOnlyList<LeasedItem> claimed, OutboxDispatcherOptions options, Counts counts, CancellationToken cancellationToken)
    {
        var batch = new InFlight[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            batch[i] = new InFlight(claimed[i], cancellationToken);
        }

        var renewals = new LeaseRenewals(this, batch, options.LeaseDuration);
        try
        {
            foreach (var delivery in batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await DeliverAsync(delivery, options, counts, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await renewals.DisposeAsync().ConfigureAwait(false);
            foreach (var delivery in batch)
            {
                if (!delivery.IsFinished && delivery.TryFinish())
                {
                    await ReleaseQuietlyAsync(delivery.Lease, counts).ConfigureAwait(false);
                }

                delivery.Dispose();
            }
        }
    }

    private async Task DeliverAsync(InFlight delivery, OutboxDispatcherOptions options, Counts counts, CancellationToken cancellationToken)
    {
        var item = delivery.Item;
        var lease = delivery.Lease;
        var messageType = item.MessageType ?? string.Empty;
        var handlerName = OutboxDeliveries.HandlerOf(item) ?? string.Empty;
        var messageId = OutboxDeliveries.MessageIdOf(item);
        if (delivery.IsLeaseLost)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, messageId, messageType);
            return;
        }

        var envelope = OutboxDeliveries.Envelope(item, lease.Attempt);
        using var activity = RemedoraTelemetry.ActivitySource.StartActivity("remedora.outbox.deliver", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", messageId.ToString());
        activity?.SetTag(StorageTelemetry.MessageTypeTag, messageType);
        activity?.SetTag("remedora.outbox.handler", handlerName);
        activity?.SetTag("remedora.attempt", lease.Attempt);

        string? error = null;
        var handlers = _handlers();
        try
        {
            var handler = handlers.Handlers.FirstOrDefault(h => string.Equals(h.Name, handlerName, StringComparison.Ordinal) && string.Equals(h.MessageType, messageType, StringComparison.Ordinal));
            if (handler is null)
            {
                // The handler of this name no longer takes this type here: the delivery waits for one that does.
                error = $"No handler named '{handlerName}' for message type '{messageType}' is registered in dispatcher '{Owner}'.";
            }
            else
            {
                await handler.HandleAsync(envelope, delivery.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (delivery.IsLeaseLost)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, messageId, messageType);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the delivery is released back to the queue with the rest of the batch.
            return;
        }
        catch (Exception ex)
        {
            error = DescribeError(ex);
        }
        finally
        {
            if (handlers.Scope is { } scope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (!delivery.TryFinish())
        {
            // The renewal found the lease lost while the handler ran: another dispatcher owns the delivery now.
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, messageId, messageType);
            return;
        }

        try
        {
            if (error is null)
            {
                await _queue.CompleteAsync(delivery.Lease, CancellationToken.None).ConfigureAwait(false);
                counts.Delivered++;
                StorageTelemetry.OutboxDeliveries.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                return;
            }

            activity?.SetStatus(ActivityStatusCode.Error, error);
            StorageTelemetry.OutboxFailures.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
            if (lease.Attempt >= options.MaxAttempts)
            {
                await _queue.FailAsync(delivery.Lease, error, null, CancellationToken.None).ConfigureAwait(false);
                counts.DeadLettered++;
                StorageTelemetry.OutboxDeadLetters.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                StorageLog.DeadLettered(_logger, messageId, messageType, item.TenantId, handlerName, lease.Attempt, error);
            }
            else
            {
                var delay = options.GetRetryDelay(lease.Attempt);
                await _queue.FailAsync(delivery.Lease, error, _timeProvider.GetUtcNow() + delay, CancellationToken.None).ConfigureAwait(false);
                counts.Retried++;
                StorageLog.DeliveryFailed(_logger, messageId, messageType, item.TenantId, lease.Attempt, options.MaxAttempts, handlerName, error, delay);
            }
        }
        catch (LeaseLostException)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, messageId, messageType);
        }
    }

    private async Task ReleaseQuietlyAsync(Lease lease, Counts counts)
    {
        try
        {
            await _queue.ReleaseAsync(lease, null, CancellationToken.None).ConfigureAwait(false);
            counts.Released++;
        }
        catch (LeaseLostException)
        {
            counts.LeasesLost++;
        }
    }

    /// <summary>
    /// Renews the unfinished leases of a batch every third of the lease duration, from a periodic timer of the
    /// dispatcher's clock that starts with the batch. A tick that comes while the previous renewal still runs is not
    /// lost: the renewal runs once more when the running one ends.
    /// </summary>
    private sealed class LeaseRenewals : IAsyncDisposable
    {
        private readonly OutboxDispatcher _dispatcher;
        private readonly InFlight[] _batch;
        private readonly TimeSpan _leaseDuration;
        private readonly CancellationTokenSource _stop = new();
        private readonly ITimer _timer;
        private int _running;
        private int _pending;
        private Task _current = Task.CompletedTask;

        public LeaseRenewals(OutboxDispatcher dispatcher, InFlight[] batch, TimeSpan leaseDuration)
        {
            _dispatcher = dispatcher;
            _batch = batch;
            _leaseDuration = leaseDuration;
            var interval = leaseDuration / 3;
            _timer = dispatcher._timeProvider.CreateTimer(static state => ((LeaseRenewals)state!).Tick(), this, interval, interval);
        }

        public async ValueTask DisposeAsync()
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            await _stop.CancelAsync().ConfigureAwait(false);
            await Volatile.Read(ref _current).ConfigureAwait(false);
            _stop.Dispose();
        }

        private void Tick()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            Volatile.Write(ref _pending, 1);
            if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            {
                Volatile.Write(ref _current, RunAsync());
            }
        }

        private async Task RunAsync()
        {
            do
            {
                try
                {
                    while (Interlocked.Exchange(ref _pending, 0) == 1)
                    {
                        await RenewAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    Volatile.Write(ref _running, 0);
                }
            }
            while (Volatile.Read(ref _pending) == 1 && !_stop.IsCancellationRequested && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
        }

        private async Task RenewAsync()
        {
            try
            {
                foreach (var message in _batch)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if (message.IsFinished || message.IsLeaseLost)
                    {
                        continue;
                    }

                    try
                    {
                        var renewed = await _dispatcher._queue.RenewAsync(message.Lease, _leaseDuration, _stop.Token).ConfigureAwait(false);
                        message.Renewed(renewed);
                    }
                    catch (LeaseLostException)
                    {
                        message.LoseLease();
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                // A failed renewal is not fatal: the lease may still be valid, and completion reports a lost lease.
                StorageLog.PollFailed(_dispatcher._logger, _dispatcher.Owner, ex.GetType().FullName ?? ex.GetType().Name, (ex as RemedoraException)?.Code);
            }
        }
    }

    private sealed record HandlerSet(IReadOnlyList<IOutboxHandler> Handlers, AsyncServiceScope? Scope);

    /// <summary>The names of the registered handlers, by message type; names are unique among all handlers.</summary>
    private sealed class HandlerCatalog
    {
        private readonly Dictionary<string, List<string>> _byType;

        private HandlerCatalog(Dictionary<string, List<string>> byType, string[] names)
        {
            _byType = byType;
            Names = names;
        }

        public IReadOnlyCollection<string> Names { get; }

        public static HandlerCatalog From(IReadOnlyList<IOutboxHandler> handlers)
        {
            var byType = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handler in handlers)
            {
                ArgumentNullException.ThrowIfNull(handler, nameof(handlers));
                var name = handler.Name;
                if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
                {
                    throw new ArgumentException($"Outbox handler {handler.GetType().FullName} has no usable name: a handler name has 1 to 200 characters and is not blank.", nameof(handlers));
                }

                if (!names.Add(name))
                {
                    throw new ArgumentException($"Two outbox handlers are named '{name}': deliveries are tracked by handler name, so every handler needs its own (override IOutboxHandler.Name).", nameof(handlers));
                }

                if (!byType.TryGetValue(handler.MessageType, out var list))
                {
                    byType[handler.MessageType] = list = [];
                }

                list.Add(name);
            }

            return new HandlerCatalog(byType, [.. names]);
        }

        public IReadOnlyList<string> For(string messageType) => _byType.TryGetValue(messageType, out var list) ? list : [];
    }

    private sealed class Counts
    {
        public int Messages;
        public int Delivered;
        public int Unhandled;
        public int Retried;
        public int DeadLettered;
        public int Released;
        public int LeasesLost;
    }

    private sealed class InFlight : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _cancellation;
        private Lease _lease;
        private bool _finished;
        private bool _lost;

        public InFlight(LeasedItem claimed, CancellationToken cancellationToken)
        {
            Item = claimed.Item;
            _lease = claimed.Lease;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public QueueItem Item { get; }

        public CancellationToken Token => _cancellation.Token;

        public Lease Lease
        {
            get
            {
                lock (_gate)
                {
                    return _lease;
                }
            }
        }

        public bool IsFinished
        {
            get
            {
                lock (_gate)
                {
                    return _finished;
                }
            }
        }

        public bool IsLeaseLost
        {
            get
            {
                lock (_gate)
                {
                    return _lost;
                }
            }
        }

        public void Renewed(Lease lease)
        {
            lock (_gate)
            {
                _lease = lease;
            }
        }

        public void LoseLease()
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                _lost = true;
            }

            _cancellation.Cancel();
        }

        /// <summary>Marks the message finished unless its lease was lost; renewals stop for it.</summary>
        public bool TryFinish()
        {
            lock (_gate)
            {
                if (_lost || _finished)
                {
                    return false;
                }

                _finished = true;
                return true;
            }
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
