using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Diagnostics;

namespace Remedora.Storage;

/// <summary>
/// Delivers outbox messages after their unit of work has committed: claims due messages of every tenant from the
/// <see cref="OutboxMessage.QueueName"/> queue in batches, hands each to every <see cref="IOutboxHandler"/> registered
/// for its type, completes it, or schedules a retry with exponential backoff and dead-letters it after the last
/// attempt. Runs as a hosted service; tests drive it by hand with <see cref="RunOnceAsync"/>.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once: a message whose lease is lost (the process stopped, or a handler outlived the
/// lease without a renewal) is delivered again, with the same <see cref="OutboxEnvelope.IdempotencyKey"/>.</para>
/// <para>While a batch is being handled its leases are renewed every third of
/// <see cref="OutboxDispatcherOptions.LeaseDuration"/>, so any number of dispatchers, in any number of processes, never
/// deliver one message at the same time.</para>
/// <para>A message whose type no handler subscribes to is not an error: it is completed at once (delivered to no one),
/// counted in <see cref="OutboxDispatchResult.Unhandled"/> and in the <see cref="StorageTelemetry.OutboxUnhandledInstrument"/>
/// counter with its message type, and logged at Debug only; it is neither retried nor dead-lettered. Every dispatcher
/// of a deployment must therefore register the same handlers: a dispatcher without the handler of a type completes
/// the messages of that type it claims.</para>
/// </remarks>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IWorkQueue _queue;
    private readonly Func<HandlerSet> _handlers;
    private readonly IOptions<OutboxDispatcherOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _running;

    /// <summary>Initializes a new instance of the <see cref="OutboxDispatcher"/> class; handlers are resolved from a new scope for every message.</summary>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="scopeFactory">Creates the scope each message's handlers are resolved from.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for retry times, lease renewals and the poll interval.</param>
    /// <param name="logger">The logger.</param>
    public OutboxDispatcher(IWorkQueue queue, IServiceScopeFactory scopeFactory, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider, ILogger<OutboxDispatcher>? logger = null)
        : this(queue, FromScopes(scopeFactory), options, timeProvider, logger)
    {
    }

    private OutboxDispatcher(IWorkQueue queue, Func<HandlerSet> handlers, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
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
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="handlers">The handlers; each receives the messages of its <see cref="IOutboxHandler.MessageType"/>.</param>
    /// <param name="options">The options; validate them first (the container does it at start).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The dispatcher.</returns>
    public static OutboxDispatcher Create(IWorkQueue queue, IEnumerable<IOutboxHandler> handlers, OutboxDispatcherOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        var list = handlers.ToArray();
        return new OutboxDispatcher(queue, () => new HandlerSet(list, null), Options.Create(options), timeProvider, logger);
    }

    /// <summary>
    /// Claims one batch of due messages, delivers each of them and records the outcomes. Call it in a loop to drain the
    /// outbox by hand (tests do, with a <c>FakeTimeProvider</c> for retry times).
    /// </summary>
    /// <param name="cancellationToken">A token to stop; messages not yet delivered are released back to the queue.</param>
    /// <returns>What happened to the batch; <see cref="OutboxDispatchResult.Claimed"/> is 0 when nothing was due.</returns>
    public async Task<OutboxDispatchResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var claimed = await _queue.ClaimNextAsync(
            new ClaimRequest
            {
                Queue = OutboxMessage.QueueName,
                Owner = Owner,
                LeaseDuration = options.LeaseDuration,
                MaxItems = options.BatchSize,
            },
            cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return default;
        }

        var now = _timeProvider.GetUtcNow();
        var batch = new InFlight[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            var item = claimed[i].Item;
            batch[i] = new InFlight(claimed[i], cancellationToken);
            if (StorageTelemetry.OutboxLag.Enabled)
            {
                var lag = now - item.AvailableAt;
                StorageTelemetry.OutboxLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, item.MessageType));
            }
        }

        var counts = new Counts();
        var renewals = new LeaseRenewals(this, batch, options.LeaseDuration);
        try
        {
            foreach (var message in batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await DeliverAsync(message, options, counts, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await renewals.DisposeAsync().ConfigureAwait(false);
            foreach (var message in batch)
            {
                if (!message.IsFinished)
                {
                    await ReleaseQuietlyAsync(message, counts).ConfigureAwait(false);
                }

                message.Dispose();
            }
        }

        var result = new OutboxDispatchResult(claimed.Count, counts.Delivered, counts.Retried, counts.DeadLettered, counts.Released, counts.LeasesLost) { Unhandled = counts.Unhandled };
        StorageLog.BatchDispatched(_logger, Owner, result.Claimed, result.Delivered, result.Unhandled, result.Retried, result.DeadLettered, result.Released, result.LeasesLost);
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

            if (result.Claimed >= options.BatchSize)
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

    private async Task DeliverAsync(InFlight message, OutboxDispatcherOptions options, Counts counts, CancellationToken cancellationToken)
    {
        var item = message.Item;
        var lease = message.Lease;
        var messageType = item.MessageType ?? string.Empty;
        if (message.IsLeaseLost)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, item.Id, messageType);
            return;
        }

        var envelope = new OutboxEnvelope(item.Id, item.TenantId, messageType, item.Payload ?? string.Empty, item.IdempotencyKey ?? item.Id.ToString(), lease.Attempt, item.CreatedAt);
        using var activity = RemedoraTelemetry.ActivitySource.StartActivity("remedora.outbox.deliver", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", item.Id.ToString());
        activity?.SetTag(StorageTelemetry.MessageTypeTag, messageType);
        activity?.SetTag("remedora.attempt", lease.Attempt);

        string? error = null;
        var unhandled = false;
        var handlers = _handlers();
        try
        {
            var matching = handlers.Handlers.Where(h => string.Equals(h.MessageType, messageType, StringComparison.Ordinal)).ToArray();
            if (matching.Length == 0)
            {
                // Nobody subscribes to this type: delivered to no one, not an error.
                unhandled = true;
            }
            else
            {
                foreach (var handler in matching)
                {
                    await handler.HandleAsync(envelope, message.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (message.IsLeaseLost)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, item.Id, messageType);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message is released back to the queue with the rest of the batch.
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

        if (!message.TryFinish())
        {
            // The renewal found the lease lost while the handlers ran: another dispatcher owns the message now.
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, item.Id, messageType);
            return;
        }

        try
        {
            if (unhandled)
            {
                await _queue.CompleteAsync(message.Lease, CancellationToken.None).ConfigureAwait(false);
                counts.Unhandled++;
                activity?.SetTag("remedora.outbox.subscribers", 0);
                StorageTelemetry.OutboxUnhandled.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                StorageLog.NoHandler(_logger, messageType, item.Id);
                return;
            }

            if (error is null)
            {
                await _queue.CompleteAsync(message.Lease, CancellationToken.None).ConfigureAwait(false);
                counts.Delivered++;
                StorageTelemetry.OutboxDeliveries.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                return;
            }

            activity?.SetStatus(ActivityStatusCode.Error, error);
            StorageTelemetry.OutboxFailures.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
            if (lease.Attempt >= options.MaxAttempts)
            {
                await _queue.FailAsync(message.Lease, error, null, CancellationToken.None).ConfigureAwait(false);
                counts.DeadLettered++;
                StorageTelemetry.OutboxDeadLetters.Add(1, new KeyValuePair<string, object?>(StorageTelemetry.MessageTypeTag, messageType));
                StorageLog.DeadLettered(_logger, item.Id, messageType, item.TenantId, lease.Attempt, error);
            }
            else
            {
                var delay = options.GetRetryDelay(lease.Attempt);
                await _queue.FailAsync(message.Lease, error, _timeProvider.GetUtcNow() + delay, CancellationToken.None).ConfigureAwait(false);
                counts.Retried++;
                StorageLog.DeliveryFailed(_logger, item.Id, messageType, item.TenantId, lease.Attempt, options.MaxAttempts, error, delay);
            }
        }
        catch (LeaseLostException)
        {
            counts.LeasesLost++;
            StorageLog.LeaseLost(_logger, Owner, item.Id, messageType);
        }
    }

    private async Task ReleaseQuietlyAsync(InFlight message, Counts counts)
    {
        if (!message.TryFinish())
        {
            return;
        }

        try
        {
            await _queue.ReleaseAsync(message.Lease, null, CancellationToken.None).ConfigureAwait(false);
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

    private sealed class Counts
    {
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

/// <summary>What one <see cref="OutboxDispatcher.RunOnceAsync"/> call did.</summary>
/// <param name="Claimed">The messages claimed.</param>
/// <param name="Delivered">The messages delivered to every handler and completed.</param>
/// <param name="Retried">The messages whose attempt failed and that will be retried after a backoff.</param>
/// <param name="DeadLettered">The messages whose last attempt failed and that were dead-lettered.</param>
/// <param name="Released">The messages given back undelivered because the dispatcher was stopping.</param>
/// <param name="LeasesLost">The messages whose lease was lost before their outcome could be recorded; they will be delivered again.</param>
public readonly record struct OutboxDispatchResult(int Claimed, int Delivered, int Retried, int DeadLettered, int Released, int LeasesLost)
{
    /// <summary>Gets the messages no handler subscribes to, completed without delivery (not counted in <see cref="Delivered"/>).</summary>
    public int Unhandled { get; init; }
}
