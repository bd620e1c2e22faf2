using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// The outbox on this provider: the <see cref="OutboxDispatcher"/> delivers committed messages at least once per handler
/// with their idempotency key, retries a failing handler alone with backoff, dead-letters it after the configured
/// attempts, replays dead letters for their handler only, renews the leases of a slow handler, and never lets two
/// dispatchers deliver one message to one handler at the same time. Delayed messages wait for their time; keyed ones
/// can be withdrawn and rescheduled. The health check reports stalled and dead-lettered outboxes.
/// </summary>
/// <remarks>These tests claim from the shared outbox queue across tenants: give the class storage of its own.</remarks>
public abstract partial class OutboxConformanceTests : StorageConformanceTestBase
{
    private const string MessageType = "conformance.outbox";

    /// <summary>A committed message is delivered to every handler of its type, with its envelope, and completed.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_CommittedMessage_DeliveredToEveryHandlerOfItsType()
    {
        var first = new ScriptedOutboxHandler(MessageType);
        var second = new ScriptedOutboxHandler(MessageType);
        var other = new ScriptedOutboxHandler("conformance.other");
        await using var context = await StartOutboxAsync(o => { }, first, second, other);
        var published = await PublishAsync(context, context.TenantA, "key-1");
        context.Clock.Advance(TimeSpan.FromSeconds(2));

        var result = await Dispatcher(context).RunOnceAsync();

        Assert.Equal(new OutboxDispatchResult(2, 2, 0, 0, 0, 0) { Messages = 1 }, result);
        var envelope = Assert.Single(first.Successes);
        Assert.Equal(new OutboxEnvelope(published.Id, context.TenantA, MessageType, "{\"n\":1}", "key-1", 1, published.CreatedAt), envelope);
        Assert.Equal(envelope, Assert.Single(second.Successes));
        Assert.Empty(other.Deliveries);
        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(context.TenantA, published.Id))!.Status);
        Assert.Equal(default(OutboxDispatchResult), await Dispatcher(context).RunOnceAsync());
    }

    /// <summary>One dispatcher delivers the messages of every tenant, each with its own tenant; a message is not delivered before its not-before time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_MessagesOfSeveralTenants_DeliveredWithTheirTenantWhenDue()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishAsync(context, context.TenantA, "key-a");
        await PublishAsync(context, context.TenantB, "key-b");
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Publish(OutboxMessage.Create(MessageType, new { n = 2 }, "key-later") with { NotBefore = context.Now.AddMinutes(5) });
            await session.CommitAsync();
        }

        var now = await Dispatcher(context).RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await Dispatcher(context).RunOnceAsync();

        Assert.Equal(2, now.Delivered);
        Assert.Equal(1, later.Delivered);
        Assert.Equal(
            [("key-a", context.TenantA), ("key-b", context.TenantB), ("key-later", context.TenantA)],
            handler.Successes.Select(e => (e.IdempotencyKey, e.TenantId)).OrderBy(e => e.IdempotencyKey, StringComparer.Ordinal));
    }

    /// <summary>
    /// A handler that fails twice and then succeeds: the message is retried after the backoff (1 s, then 2 s, no
    /// earlier), delivered successfully once, with the same idempotency key and increasing attempt numbers.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_HandlerFailsTwiceThenSucceeds_DeliveredOnceWithSameKey()
    {
        var calls = 0;
        var handler = new ScriptedOutboxHandler(MessageType, (_, _) => Interlocked.Increment(ref calls) <= 2 ? throw new ScriptedHandlerException() : Task.CompletedTask);
        await using var context = await StartOutboxAsync(o => { o.MaxAttempts = 5; o.InitialBackoff = TimeSpan.FromSeconds(1); o.MaxBackoff = TimeSpan.FromMinutes(1); }, handler);
        var published = await PublishAsync(context, context.TenantA, "key-retry");
        var dispatcher = Dispatcher(context);

        Assert.Equal(1, (await dispatcher.RunOnceAsync()).Retried);
        var deliveryId = (await DeliveryOfAsync(context, published, handler)).Id;
        var afterFirst = await context.Queue.GetAsync(context.TenantA, deliveryId);
        Assert.Equal((QueueItemStatus.Ready, context.Now.AddSeconds(1)), (afterFirst!.Status, afterFirst.AvailableAt));
        Assert.Contains(nameof(ScriptedHandlerException), afterFirst.LastError, StringComparison.Ordinal);
        context.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, (await dispatcher.RunOnceAsync()).Claimed);
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, (await dispatcher.RunOnceAsync()).Retried);
        Assert.Equal(context.Now.AddSeconds(2), (await context.Queue.GetAsync(context.TenantA, deliveryId))!.AvailableAt);
        context.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await dispatcher.RunOnceAsync()).Delivered);
        context.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await dispatcher.RunOnceAsync()).Claimed);

        Assert.Equal([1, 2, 3], handler.Deliveries.Select(e => e.Attempt));
        Assert.All(handler.Deliveries, e => Assert.Equal(("key-retry", published.Id), (e.IdempotencyKey, e.MessageId)));
        Assert.Equal("key-retry", Assert.Single(handler.Successes).IdempotencyKey);
        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(context.TenantA, deliveryId))!.Status);
        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(context.TenantA, published.Id))!.Status);
    }

    /// <summary>
    /// A handler that always fails: its delivery is dead-lettered after the configured attempts, the health check turns
    /// degraded, the admin lists it with the handler's name, and a replay after the fix delivers it with the same
    /// message id and key and fresh attempts.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_HandlerAlwaysFails_DeadLetteredAfterMaxAttemptsAndReplayable()
    {
        var broken = true;
        var handler = new ScriptedOutboxHandler(MessageType, (_, _) => Volatile.Read(ref broken) ? throw new ScriptedHandlerException() : Task.CompletedTask);
        await using var context = await StartOutboxAsync(o => { o.MaxAttempts = 3; o.InitialBackoff = TimeSpan.FromSeconds(1); }, handler);
        var published = await PublishAsync(context, context.TenantA, "key-dead");
        var dispatcher = Dispatcher(context);
        var admin = context.Services.GetRequiredService<IOutboxAdmin>();

        var results = new List<OutboxDispatchResult>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(await dispatcher.RunOnceAsync());
            context.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([1, 1, 0, 0, 0, 0], results.Select(r => r.Retried));
        Assert.Equal([0, 0, 1, 0, 0, 0], results.Select(r => r.DeadLettered));
        Assert.Equal(3, handler.Deliveries.Count);
        var dead = await DeliveryOfAsync(context, published, handler);
        Assert.Equal((QueueItemStatus.DeadLettered, 3), (dead.Status, dead.Attempts));
        Assert.Contains(nameof(ScriptedHandlerException), dead.LastError, StringComparison.Ordinal);
        var letter = Assert.Single((await admin.ListDeadLettersAsync(context.TenantA)).Items);
        Assert.Equal((dead.Id, published.Id, handler.Name, MessageType, "key-dead", 3), (letter.Id, letter.MessageId, letter.Handler, letter.MessageType, letter.IdempotencyKey, letter.Attempts));
        Assert.Contains(nameof(ScriptedHandlerException), letter.LastError, StringComparison.Ordinal);
        Assert.Equal(1, (await admin.GetStatisticsAsync(context.TenantA)).DeadLettered);
        Assert.Equal(HealthStatus.Degraded, (await CheckHealthAsync(context)).Status);

        Volatile.Write(ref broken, false);
        Assert.False(await admin.ReplayAsync(context.TenantB, letter.Id));
        Assert.False(await admin.ReplayAsync(context.TenantA, published.Id));
        Assert.True(await admin.ReplayAsync(context.TenantA, letter.Id));
        Assert.False(await admin.ReplayAsync(context.TenantA, letter.Id));
        Assert.Equal(1, (await dispatcher.RunOnceAsync()).Delivered);

        var replayed = handler.Successes.Single();
        Assert.Equal(("key-dead", 1, published.Id), (replayed.IdempotencyKey, replayed.Attempt, replayed.MessageId));
        Assert.Empty((await admin.ListDeadLettersAsync(context.TenantA)).Items);
        Assert.Equal(HealthStatus.Healthy, (await CheckHealthAsync(context)).Status);
    }

    /// <summary>Replaying all dead letters requeues every one of them, of every tenant or of one.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ReplayAllAsync_DeadLetters_RequeuesEveryOne()
    {
        var handler = new ScriptedOutboxHandler(MessageType, (_, _) => throw new ScriptedHandlerException());
        await using var context = await StartOutboxAsync(o => o.MaxAttempts = 1, handler);
        await PublishAsync(context, context.TenantA, "key-a1");
        await PublishAsync(context, context.TenantA, "key-a2");
        await PublishAsync(context, context.TenantB, "key-b1");
        Assert.Equal(3, (await Dispatcher(context).RunOnceAsync()).DeadLettered);
        var admin = context.Services.GetRequiredService<IOutboxAdmin>();

        Assert.Equal(2, await admin.ReplayAllAsync(context.TenantA));
        Assert.Equal(1, await admin.ReplayAllAsync());
        Assert.Equal(0, await admin.ReplayAllAsync());
        Assert.Equal(3, (await admin.GetStatisticsAsync()).Ready);
    }

    /// <summary>
    /// A message whose type no handler subscribes to is not an error: the first dispatch records it as delivered to
    /// nobody (completed, counted as unhandled), it is never retried or dead-lettered, and the next dispatch finds nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_NoHandlerForType_CompletedAsUnhandledWithoutRetry()
    {
        await using var context = await StartOutboxAsync(o => { o.MaxAttempts = 2; o.InitialBackoff = TimeSpan.FromSeconds(1); });
        var published = await PublishAsync(context, context.TenantA, "key-orphan");

        var first = await Dispatcher(context).RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await Dispatcher(context).RunOnceAsync();

        Assert.Equal((1, 0, 0, 1, 0, 0), (first.Messages, first.Claimed, first.Delivered, first.Unhandled, first.Retried, first.DeadLettered));
        Assert.Equal(default, second);
        var stored = (await context.Queue.GetAsync(context.TenantA, published.Id))!;
        Assert.Equal((QueueItemStatus.Completed, 1), (stored.Status, stored.Attempts));
        Assert.Null(stored.LastError);
        Assert.Equal(0, (await context.Services.GetRequiredService<IOutboxAdmin>().GetStatisticsAsync(context.TenantA)).DeadLettered);
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.DeliveryQueueName, context.TenantA));
    }

    /// <summary>
    /// While a handler runs for four times the lease duration (on the fake clock), the dispatcher keeps renewing the
    /// lease, so a second dispatcher finds nothing to claim; the first then completes the message, delivered once.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_SlowHandler_LeaseRenewedSoNoOtherDispatcherTakesTheMessage()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedOutboxHandler(MessageType, async (_, token) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(token).ConfigureAwait(false);
        });
        await using var context = await StartOutboxAsync(o => { o.LeaseDuration = TimeSpan.FromSeconds(30); o.BatchSize = 1; }, handler);
        var published = await PublishAsync(context, context.TenantA, "key-slow");
        var first = Dispatcher(context);
        var second = OutboxDispatcher.Create(context.Sessions, context.Queue, [handler], new OutboxDispatcherOptions { OwnerId = "second", LeaseDuration = TimeSpan.FromSeconds(30) }, context.Clock);

        var running = Task.Run(() => first.RunOnceAsync());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var deliveryId = (await DeliveryOfAsync(context, published, handler)).Id;
        for (var step = 0; step < 12; step++)
        {
            context.Clock.Advance(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(async () => (await context.Queue.GetAsync(context.TenantA, deliveryId))!.LeaseExpiresAt >= context.Now.AddSeconds(20), "the lease to be renewed");
            Assert.Equal(0, (await second.RunOnceAsync()).Claimed);
        }

        release.SetResult();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.Delivered);
        Assert.Single(handler.Deliveries);
        var item = await context.Queue.GetAsync(context.TenantA, deliveryId);
        Assert.Equal((QueueItemStatus.Completed, 1, first.Owner), (item!.Status, item.Attempts, item.LeaseOwner));
    }

    /// <summary>
    /// Two dispatchers with the same handler drain the outbox at the same time on real threads: deliveries overlap in
    /// time (both dispatchers are proven to run at once), yet no message is ever in two deliveries at once and each is
    /// delivered exactly once.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_TwoDispatchersAtOnce_NeverDeliverOneMessageConcurrently()
    {
        await using var context = await StartOutboxAsync(o => { });
        const int Messages = 120;
        await using (var session = context.OpenSession(context.TenantA))
        {
            for (var i = 0; i < Messages; i++)
            {
                session.Publish(OutboxMessage.Create(MessageType, new { n = i }, $"key-{i}"));
            }

            await session.CommitAsync();
        }

        var tracker = new OverlapTracker();
        var dispatchers = new[] { "left", "right" }.Select(name =>
        {
            var handler = new ScriptedOutboxHandler(MessageType, (e, _) => tracker.DeliverAsync(name, e.MessageId), "shared");
            return OutboxDispatcher.Create(context.Sessions, context.Queue, [handler], new OutboxDispatcherOptions { OwnerId = name, BatchSize = 5 }, context.Clock);
        }).ToArray();

        var delivered = await ConformanceData.RunOnThreadsAsync(2, i =>
        {
            var total = 0;
            while (true)
            {
                var result = dispatchers[i].RunOnceAsync().GetAwaiter().GetResult();
                if (result.Claimed == 0 && result.Messages == 0)
                {
                    return total;
                }

                total += result.Delivered;
            }
        });

        Assert.True(tracker.RendezvousSucceeded, "The two dispatchers never had deliveries in flight at the same time.");
        Assert.True(tracker.MaxInFlight >= 2);
        Assert.Equal(1, tracker.MaxPerMessage);
        Assert.Equal(Messages, delivered.Sum());
        Assert.All(delivered, d => Assert.True(d > 0));
        Assert.Equal(Messages, tracker.Deliveries.Count);
        Assert.All(tracker.Deliveries.Values, n => Assert.Equal(1, n));
        Assert.Equal(Messages, (await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA, QueueItemStatus.Completed)).Count);
    }

    /// <summary>
    /// With no dispatcher running in the process (the suite drives it by hand), the health check reports a waiting
    /// message that nobody holds as degraded, a stalled outbox once the oldest deliverable message has waited past
    /// the threshold, and healthy once it is delivered.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task HealthCheck_OldestMessagePastThreshold_ReportsStalled()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => o.StalledThreshold = TimeSpan.FromMinutes(2), handler);
        await PublishAsync(context, context.TenantA, "key-stalled");

        context.Clock.Advance(TimeSpan.FromMinutes(2));
        var waiting = await CheckHealthAsync(context);
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        var stalled = await CheckHealthAsync(context);
        await Dispatcher(context).RunOnceAsync();
        var delivered = await CheckHealthAsync(context);

        Assert.Equal(HealthStatus.Degraded, waiting.Status);
        Assert.StartsWith("1 outbox message(s) wait and nothing delivers them", waiting.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Equal(121.0, stalled.Data["lagSeconds"]);
        Assert.Equal(1L, stalled.Data["ready"]);
        Assert.StartsWith("The outbox is stalled", stalled.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, delivered.Status);
    }

    private static OutboxDispatcher Dispatcher(StorageTestContext context) => context.Services.GetRequiredService<OutboxDispatcher>();

    private static Task<HealthCheckResult> CheckHealthAsync(StorageTestContext context)
        => ActivatorUtilities.CreateInstance<OutboxHealthCheck>(context.Services).CheckHealthAsync(new HealthCheckContext());

    private static async Task<QueueItem> PublishAsync(StorageTestContext context, TenantId tenantId, string key)
    {
        await using (var session = context.OpenSession(tenantId))
        {
            session.Publish(OutboxMessage.Create(MessageType, new { n = 1 }, key));
            await session.CommitAsync();
        }

        var items = await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, tenantId);
        return items.Single(i => i.IdempotencyKey == key);
    }

    private static async Task<QueueItem> DeliveryOfAsync(StorageTestContext context, QueueItem message, IOutboxHandler handler)
    {
        var deliveries = await ConformanceData.ListAllAsync(context, OutboxMessage.DeliveryQueueName, message.TenantId);
        return deliveries.Single(d => d.Reference == message.Id.ToString("D") && d.Pool == handler.Name);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var timeout = Stopwatch.StartNew();
        while (!await condition())
        {
            if (timeout.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Yield();
        }
    }

    private Task<StorageTestContext> StartOutboxAsync(Action<OutboxDispatcherOptions> configure, params ScriptedOutboxHandler[] handlers)
        => StartAsync(remedora: r =>
        {
            r.AddOutboxDispatcher(configure);
            foreach (var handler in handlers)
            {
                r.Services.AddSingleton<IOutboxHandler>(handler);
            }
        });

    /// <summary>Measures how many deliveries are in flight at once, overall and per message, and makes the first delivery of each dispatcher wait for the other's.</summary>
    private sealed class OverlapTracker
    {
        private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
        private readonly ConcurrentDictionary<string, bool> _firstSeen = new(StringComparer.Ordinal);
        private readonly Barrier _rendezvous = new(2);
        private int _current;
        private int _maxInFlight;
        private int _maxPerMessage;
        private int _rendezvousFailures;
        private int _rendezvousDone;

        public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public int MaxPerMessage => Volatile.Read(ref _maxPerMessage);

        public bool RendezvousSucceeded => Volatile.Read(ref _rendezvousDone) == 2 && Volatile.Read(ref _rendezvousFailures) == 0;

        public Task DeliverAsync(string dispatcher, Guid messageId)
        {
            var perMessage = _inFlight.AddOrUpdate(messageId, 1, (_, n) => n + 1);
            Raise(ref _maxPerMessage, perMessage);
            Raise(ref _maxInFlight, Interlocked.Increment(ref _current));
            try
            {
                if (_firstSeen.TryAdd(dispatcher, true))
                {
                    // The first delivery of each dispatcher waits until the other dispatcher is delivering too.
                    if (!_rendezvous.SignalAndWait(TimeSpan.FromSeconds(20)))
                    {
                        Interlocked.Increment(ref _rendezvousFailures);
                    }

                    Interlocked.Increment(ref _rendezvousDone);
                }
                else
                {
                    Thread.SpinWait(2000);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _current);
                _inFlight.AddOrUpdate(messageId, 0, (_, n) => n - 1);
                Deliveries.AddOrUpdate(messageId, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        private static void Raise(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
