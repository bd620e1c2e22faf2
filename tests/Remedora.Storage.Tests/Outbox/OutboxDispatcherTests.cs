using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Remedora.Diagnostics;
using Remedora.Storage.InMemory;

namespace Remedora.Storage.Tests.Outbox;

public class OutboxDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private static readonly string HandlerName = typeof(Handler).FullName!;

    private readonly PollObservingClock _clock = new(Start);
    private readonly InMemoryStorage _storage;
    private readonly string _type = "test." + Guid.NewGuid().ToString("N")[..8];

    public OutboxDispatcherTests()
    {
        _storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock);
    }

    [Fact]
    public async Task RunOnceAsync_NothingDue_ReturnsEmptyResult()
    {
        var dispatcher = Create(new Handler(_type));

        Assert.Equal(default, await dispatcher.RunOnceAsync());
    }

    [Fact]
    public async Task RunOnceAsync_Outcomes_RecordDeliveriesFailuresDeadLettersAndLag()
    {
        using var deliveries = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxDeliveriesInstrument);
        using var failures = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxFailuresInstrument);
        using var deadLetters = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxDeadLettersInstrument);
        using var lag = new MetricCollector<double>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxLagInstrument);
        var calls = 0;
        var dispatcher = Create(new Handler(_type, (OutboxEnvelope _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException() : Task.CompletedTask), o => o.MaxAttempts = 2);
        await PublishAsync(_type, "k1");
        await PublishAsync(_type, "k2");
        _clock.Advance(TimeSpan.FromSeconds(5));

        await dispatcher.RunOnceAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.RunOnceAsync();

        Assert.Equal(2, Sum(deliveries, _type));
        Assert.Equal(1, Sum(failures, _type));
        Assert.Equal(0, Sum(deadLetters, _type));
        Assert.Equal([5d, 5d], lag.GetMeasurementSnapshot().Where(m => Tag(m.Tags) == _type).Select(m => m.Value));

        var failing = new Handler(_type + ".dead", (OutboxEnvelope _) => throw new InvalidOperationException());
        await PublishAsync(failing.MessageType, "dead");
        await Create(failing, o => o.MaxAttempts = 1).RunOnceAsync();
        Assert.Equal(1, Sum(failures, failing.MessageType));
        Assert.Equal(1, Sum(deadLetters, failing.MessageType));
    }

    [Fact]
    public async Task RunOnceAsync_HandlerFailure_LogsTypesAndIdsButNoExceptionMessage()
    {
        const string Planted = "Zebulon Quixotic-Phiname";
        var logger = new FakeLogger<OutboxDispatcher>();
        var dispatcher = Create(new Handler(_type, (OutboxEnvelope _) => throw new InvalidOperationException($"Patient {Planted} has no pharmacy")), o => o.MaxAttempts = 2, logger);
        var item = await PublishAsync(_type, "key-1");

        await dispatcher.RunOnceAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.RunOnceAsync();

        var records = logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information).ToArray();
        Assert.Equal([2003, 2004], records.Select(r => r.Id.Id));
        Assert.Equal($"Outbox message {item.Id} ({_type}) of tenant acme failed attempt 1 of 2 in handler {HandlerName} with System.InvalidOperationException; retrying in 00:00:01", records[0].Message);
        Assert.Equal($"Outbox message {item.Id} ({_type}) of tenant acme was dead-lettered for handler {HandlerName} after 2 attempts; last error System.InvalidOperationException", records[1].Message);
        Assert.All(logger.Collector.GetSnapshot(), r =>
        {
            Assert.Null(r.Exception);
            Assert.DoesNotContain("Zebulon", r.Message, StringComparison.Ordinal);
        });
        Assert.Equal("System.InvalidOperationException", (await DeliveryOfAsync(item)).LastError);
    }

    [Fact]
    public async Task RunOnceAsync_RemedoraExceptionInHandler_RecordsItsCode()
    {
        var dispatcher = Create(new Handler(_type, (OutboxEnvelope _) => throw new RecordNotFoundException("Patient", "p-1")), o => o.MaxAttempts = 1);
        var item = await PublishAsync(_type, "key-1");

        await dispatcher.RunOnceAsync();

        Assert.Equal("Remedora.RecordNotFoundException (remedora.not_found)", (await DeliveryOfAsync(item)).LastError);
    }

    [Fact]
    public async Task RunOnceAsync_Cancelled_ReleasesUndeliveredMessagesOfTheBatch()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = Create(new Handler(_type, async token =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        }));
        var items = new[] { await PublishAsync(_type, "k1"), await PublishAsync(_type, "k2"), await PublishAsync(_type, "k3") };

        var running = dispatcher.RunOnceAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new OutboxDispatchResult(3, 0, 0, 0, 3, 0) { Messages = 3 }, result);
        foreach (var item in items)
        {
            var stored = await DeliveryOfAsync(item);
            Assert.Equal((QueueItemStatus.Ready, 1), (stored.Status, stored.Attempts));
        }
    }

    [Fact]
    public async Task RunOnceAsync_LeaseLostWhileHandling_CancelsHandlerAndRecordsNothing()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = Create(new Handler(_type, async token =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        }), o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        var item = await PublishAsync(_type, "k1");

        var running = Task.Run(() => dispatcher.RunOnceAsync());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var delivery = await DeliveryOfAsync(item);
        Assert.True(await _storage.CancelAsync(Tenant, delivery.Id));
        _clock.Advance(TimeSpan.FromSeconds(10));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new OutboxDispatchResult(1, 0, 0, 0, 0, 1) { Messages = 1 }, result);
        Assert.Equal(QueueItemStatus.Cancelled, (await _storage.GetAsync(Tenant, delivery.Id))!.Status);
    }

    [Fact]
    public async Task ExecuteAsync_Running_PollsOnTheFakeClockUntilStopped()
    {
        var delivered = new ConcurrentQueue<string>();
        var arrived = new SemaphoreSlim(0);
        var logger = new FakeLogger<OutboxDispatcher>();
        var dispatcher = Create(new Handler(_type, envelope => { delivered.Enqueue(envelope.IdempotencyKey); arrived.Release(); return Task.CompletedTask; }), o => o.OwnerId = "node-1", logger);
        await PublishAsync(_type, "before-start");

        await dispatcher.StartAsync(CancellationToken.None);
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(30)));
        await _clock.WaitForPollTimerAsync();
        await PublishAsync(_type, "after-start");
        Assert.False(await arrived.WaitAsync(TimeSpan.Zero));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(30)));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(["before-start", "after-start"], delivered);
        var messages = logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information).Select(r => r.Message).ToArray();
        Assert.Equal("Outbox dispatcher node-1 started: batches of 20, at most 10 attempts", messages[0]);
        Assert.Equal("Outbox dispatcher node-1 stopped", messages[^1]);
    }

    [Fact]
    public async Task RunOnceAsync_NoSubscriber_CompletedAndCountedWithoutRetryOrWarning()
    {
        using var unhandled = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxUnhandledInstrument);
        using var failures = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxFailuresInstrument);
        using var deadLetters = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxDeadLettersInstrument);
        using var deliveries = new MetricCollector<long>(RemedoraTelemetry.Meter, StorageTelemetry.OutboxDeliveriesInstrument);
        var orphan = _type + ".orphan";
        var logger = new FakeLogger<OutboxDispatcher>();
        var handler = new Handler(_type);
        var dispatcher = Create(handler, o => o.MaxAttempts = 1, logger);
        var first = await PublishAsync(orphan, "o1");
        await PublishAsync(orphan, "o2");
        await PublishAsync(_type, "k1");

        var result = await dispatcher.RunOnceAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var again = await dispatcher.RunOnceAsync();

        Assert.Equal(new OutboxDispatchResult(1, 1, 0, 0, 0, 0) { Messages = 3, Unhandled = 2 }, result);
        Assert.Equal(default, again);
        Assert.Equal(2, Sum(unhandled, orphan));
        Assert.Equal(0, Sum(unhandled, _type));
        Assert.Equal(0, Sum(failures, orphan));
        Assert.Equal(0, Sum(deadLetters, orphan));
        Assert.Equal(0, Sum(deliveries, orphan));
        Assert.Equal(1, Sum(deliveries, _type));
        var stored = (await _storage.GetAsync(Tenant, first.Id))!;
        Assert.Equal(QueueItemStatus.Completed, stored.Status);
        Assert.Null(stored.LastError);
        Assert.Single(handler.Deliveries);
        var records = logger.Collector.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        Assert.Equal(2, records.Count(r => r.Id.Id == 2005 && r.Level == LogLevel.Debug));
    }

    [Fact]
    public async Task IsRunning_FollowsTheHostedLoop()
    {
        var dispatcher = Create(new Handler(_type), o => o.OwnerId = "node-1");
        Assert.False(dispatcher.IsRunning);

        await dispatcher.StartAsync(CancellationToken.None);
        await _clock.WaitForPollTimerAsync();
        Assert.True(dispatcher.IsRunning);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.False(dispatcher.IsRunning);
    }

    [Fact]
    public async Task ExecuteAsync_Disabled_DeliversNothing()
    {
        var handler = new Handler(_type);
        var logger = new FakeLogger<OutboxDispatcher>();
        var dispatcher = Create(handler, o => o.Enabled = false, logger);
        await PublishAsync(_type, "k1");

        await dispatcher.StartAsync(CancellationToken.None);
        await dispatcher.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Empty(handler.Deliveries);
        Assert.False(dispatcher.IsRunning);
        Assert.Equal(2002, Assert.Single(logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task ExecuteAsync_ClaimFails_LogsAndKeepsPolling()
    {
        var arrived = new SemaphoreSlim(0);
        var logger = new FakeLogger<OutboxDispatcher>();
        var queue = new FailingOnceQueue(_storage);
        var dispatcher = OutboxDispatcher.Create(_storage, queue, [new Handler(_type, (OutboxEnvelope _) => { arrived.Release(); return Task.CompletedTask; })], new OutboxDispatcherOptions { OwnerId = "node-1" }, _clock, logger);
        await PublishAsync(_type, "k1");

        await dispatcher.StartAsync(CancellationToken.None);
        await _clock.WaitForPollTimerAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(30)));
        await dispatcher.StopAsync(CancellationToken.None);

        var failure = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2007);
        Assert.Equal("Outbox dispatcher node-1 failed to poll the outbox with System.TimeoutException (null); retrying after the poll interval", failure.Message);
    }

    [Fact]
    public async Task RunOnceAsync_HandlersFromContainer_ResolvedInANewScopePerDelivery()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScoped<ScopeMarker>();
        services.AddSingleton(new ConcurrentBag<ScopeMarker>());
        services.AddRemedora(r => r.UseInMemoryStorage().AddOutboxDispatcher(o => o.Enabled = false).AddOutboxHandler<ScopedHandler>().AddOutboxHandler<ScopedHandler>());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var sessions = provider.GetRequiredService<IStorageSessionFactory>();
        await using (var session = sessions.OpenSession(Tenant))
        {
            session.Publish(OutboxMessage.Create(ScopedHandler.Type, 1, "k1"));
            session.Publish(OutboxMessage.Create(ScopedHandler.Type, 2, "k2"));
            await session.CommitAsync();
        }

        var result = await provider.GetRequiredService<OutboxDispatcher>().RunOnceAsync();

        Assert.Equal(2, result.Delivered);
        var markers = provider.GetRequiredService<ConcurrentBag<ScopeMarker>>();
        Assert.Equal(2, markers.Distinct().Count());
        Assert.All(markers, m => Assert.True(m.Disposed));
    }

    private static long Sum(MetricCollector<long> collector, string type)
        => collector.GetMeasurementSnapshot().Where(m => Tag(m.Tags) == type).Sum(m => m.Value);

    private static string? Tag(IReadOnlyDictionary<string, object?> tags)
        => tags.TryGetValue(StorageTelemetry.MessageTypeTag, out var value) ? value as string : null;

    private OutboxDispatcher Create(IOutboxHandler handler, Action<OutboxDispatcherOptions>? configure = null, ILogger? logger = null)
    {
        var options = new OutboxDispatcherOptions();
        configure?.Invoke(options);
        return OutboxDispatcher.Create(_storage, _storage, [handler], options, _clock, logger);
    }

    private async Task<QueueItem> DeliveryOfAsync(QueueItem message)
    {
        var page = await _storage.ListAsync(new QueueQuery { Queue = OutboxMessage.DeliveryQueueName, TenantId = Tenant, Limit = 1000 });
        return page.Items.Single(i => i.Reference == message.Id.ToString("D"));
    }

    private async Task<QueueItem> PublishAsync(string type, string key)
    {
        await using (var session = _storage.OpenSession(Tenant))
        {
            session.Publish(OutboxMessage.Create(type, new { key }, key));
            await session.CommitAsync();
        }

        var page = await _storage.ListAsync(new QueueQuery { Queue = OutboxMessage.QueueName, TenantId = Tenant, Limit = 1000 });
        return page.Items.Single(i => i.IdempotencyKey == key);
    }

    private sealed class Handler(string messageType, Func<OutboxEnvelope, CancellationToken, Task>? behaviour = null) : IOutboxHandler
    {
        public Handler(string messageType, Func<CancellationToken, Task> behaviour)
            : this(messageType, (_, token) => behaviour(token))
        {
        }

        public Handler(string messageType, Func<OutboxEnvelope, Task> behaviour)
            : this(messageType, (envelope, _) => behaviour(envelope))
        {
        }

        public string MessageType { get; } = messageType;

        public ConcurrentQueue<OutboxEnvelope> Deliveries { get; } = new();

        public Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
        {
            Deliveries.Enqueue(envelope);
            return behaviour?.Invoke(envelope, cancellationToken) ?? Task.CompletedTask;
        }
    }

    /// <summary>A fake clock that reports each one-second one-shot timer, which is how the dispatcher waits between polls.</summary>
    private sealed class PollObservingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly SemaphoreSlim _pollTimers = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (period == Timeout.InfiniteTimeSpan && dueTime == TimeSpan.FromSeconds(1))
            {
                _pollTimers.Release();
            }

            return timer;
        }

        public async Task WaitForPollTimerAsync()
        {
            if (!await _pollTimers.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                Assert.Fail("The dispatcher never started waiting for its next poll.");
            }
        }
    }

    private sealed class ScopeMarker : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class ScopedHandler(ScopeMarker marker, ConcurrentBag<ScopeMarker> seen) : IOutboxHandler
    {
        public const string Type = "test.scoped";

        public string MessageType => Type;

        public Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
        {
            seen.Add(marker);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingOnceQueue(InMemoryStorage inner) : IWorkQueue
    {
        private int _calls;

        public Task<IReadOnlyList<LeasedItem>> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _calls) == 1 ? throw new TimeoutException("database unavailable") : inner.ClaimNextAsync(request, cancellationToken);

        public Task<ClaimOutcome> ClaimAsync(TenantId tenantId, Guid itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.ClaimAsync(tenantId, itemId, owner, leaseDuration, cancellationToken);

        public Task<Lease> RenewAsync(Lease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.RenewAsync(lease, leaseDuration, cancellationToken);

        public Task ReleaseAsync(Lease lease, DateTimeOffset? availableAt = null, CancellationToken cancellationToken = default) => inner.ReleaseAsync(lease, availableAt, cancellationToken);

        public Task CompleteAsync(Lease lease, CancellationToken cancellationToken = default) => inner.CompleteAsync(lease, cancellationToken);

        public Task FailAsync(Lease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) => inner.FailAsync(lease, error, retryAt, cancellationToken);

        public Task<QueueItem?> GetAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId, itemId, cancellationToken);

        public Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

        public Task<QueueStatistics> GetStatisticsAsync(string queue, TenantId? tenantId, CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(queue, tenantId, cancellationToken);

        public Task<bool> RequeueAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => inner.RequeueAsync(tenantId, itemId, cancellationToken);

        public Task<bool> CancelAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => inner.CancelAsync(tenantId, itemId, cancellationToken);

        public Task<bool> AssignAsync(TenantId tenantId, Guid itemId, string? assignee, CancellationToken cancellationToken = default) => inner.AssignAsync(tenantId, itemId, assignee, cancellationToken);
    }
}
