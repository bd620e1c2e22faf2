using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Delivery per message and handler.</summary>
public abstract partial class OutboxConformanceTests
{
    /// <summary>
    /// Of two handlers of one message, one always fails: it alone is retried with the backoff and dead-lettered after the
    /// configured attempts, while the other runs exactly once. The admin names the failed handler; a replay retries that
    /// handler only, and after the fix it receives the message once, with the same message id and idempotency key.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_OneOfTwoHandlersFails_OnlyItIsRetriedAndDeadLettered()
    {
        var broken = true;
        var healthy = new ScriptedOutboxHandler(MessageType, name: "conformance.healthy");
        var failing = new ScriptedOutboxHandler(MessageType, (_, _) => Volatile.Read(ref broken) ? throw new ScriptedHandlerException() : Task.CompletedTask, "conformance.failing");
        await using var context = await StartOutboxAsync(o => { o.MaxAttempts = 3; o.InitialBackoff = TimeSpan.FromSeconds(1); o.MaxBackoff = TimeSpan.FromMinutes(1); }, healthy, failing);
        var published = await PublishAsync(context, context.TenantA, "key-split");
        var dispatcher = Dispatcher(context);
        var admin = context.Services.GetRequiredService<IOutboxAdmin>();

        var first = await dispatcher.RunOnceAsync();
        var failed = await DeliveryOfAsync(context, published, failing);
        Assert.Equal((QueueItemStatus.Ready, context.Now.AddSeconds(1)), (failed.Status, failed.AvailableAt));
        context.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(default, await dispatcher.RunOnceAsync());
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await dispatcher.RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromSeconds(2));
        var third = await dispatcher.RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(default, await dispatcher.RunOnceAsync());

        Assert.Equal(new OutboxDispatchResult(2, 1, 1, 0, 0, 0) { Messages = 1 }, first);
        Assert.Equal(new OutboxDispatchResult(1, 0, 1, 0, 0, 0), second);
        Assert.Equal(new OutboxDispatchResult(1, 0, 0, 1, 0, 0), third);
        Assert.Equal([1], healthy.Deliveries.Select(e => e.Attempt));
        Assert.Equal([1, 2, 3], failing.Deliveries.Select(e => e.Attempt));
        Assert.Equal(QueueItemStatus.Completed, (await DeliveryOfAsync(context, published, healthy)).Status);
        var letter = Assert.Single((await admin.ListDeadLettersAsync(context.TenantA)).Items);
        Assert.Equal(("conformance.failing", published.Id, 3), (letter.Handler, letter.MessageId, letter.Attempts));

        Volatile.Write(ref broken, false);
        Assert.True(await admin.ReplayAsync(context.TenantA, letter.Id));
        Assert.Equal(new OutboxDispatchResult(1, 1, 0, 0, 0, 0), await dispatcher.RunOnceAsync());

        Assert.Single(healthy.Deliveries);
        var success = Assert.Single(failing.Successes);
        Assert.Equal((published.Id, "key-split", 1), (success.MessageId, success.IdempotencyKey, success.Attempt));
        Assert.Equal(Assert.Single(healthy.Successes).MessageId, success.MessageId);
        Assert.Empty((await admin.ListDeadLettersAsync(context.TenantA)).Items);
    }

    /// <summary>
    /// A handler registered after a message was handed to its subscribers does not receive that message; it receives the
    /// messages handed out after it was registered, and the handler that was there before receives each message once.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_HandlerAddedLater_DoesNotReceiveMessagesHandedOutBefore()
    {
        var original = new ScriptedOutboxHandler(MessageType, name: "conformance.original");
        var added = new ScriptedOutboxHandler(MessageType, name: "conformance.added");
        await using var context = await StartOutboxAsync(o => { }, original);
        var options = new OutboxDispatcherOptions { OwnerId = "upgraded" };
        var before = await PublishAsync(context, context.TenantA, "key-before");
        Assert.Equal(1, (await Dispatcher(context).RunOnceAsync()).Delivered);

        var upgraded = OutboxDispatcher.Create(context.Sessions, context.Queue, [original, added], options, context.Clock);
        Assert.Equal(default, await upgraded.RunOnceAsync());
        var after = await PublishAsync(context, context.TenantA, "key-after");
        var result = await upgraded.RunOnceAsync();

        Assert.Equal(new OutboxDispatchResult(2, 2, 0, 0, 0, 0) { Messages = 1 }, result);
        Assert.Equal([before.Id, after.Id], original.Successes.Select(e => e.MessageId));
        Assert.Equal([after.Id], added.Successes.Select(e => e.MessageId));
    }

    /// <summary>
    /// A delivery is claimed only by a dispatcher that has a handler of its name: a dispatcher without it leaves the
    /// delivery waiting (neither claimed, retried nor dead-lettered), and one with it delivers it.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_DispatcherWithoutTheHandler_LeavesItsDeliveryForOneThatHasIt()
    {
        var calls = 0;
        var subscriber = new ScriptedOutboxHandler(MessageType, (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new ScriptedHandlerException() : Task.CompletedTask, "conformance.subscriber");
        var other = new ScriptedOutboxHandler("conformance.other", name: "conformance.other-handler");
        await using var context = await StartOutboxAsync(o => { });
        var published = await PublishAsync(context, context.TenantA, "key-routed");
        var options = new OutboxDispatcherOptions { OwnerId = "with-subscriber", InitialBackoff = TimeSpan.FromSeconds(1) };
        var withSubscriber = OutboxDispatcher.Create(context.Sessions, context.Queue, [subscriber], options, context.Clock);
        var unrelated = OutboxDispatcher.Create(context.Sessions, context.Queue, [other], new OutboxDispatcherOptions { OwnerId = "unrelated" }, context.Clock);

        Assert.Equal(1, (await withSubscriber.RunOnceAsync()).Retried);
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(default, await unrelated.RunOnceAsync());
        var waiting = await DeliveryOfAsync(context, published, subscriber);
        Assert.Equal((QueueItemStatus.Ready, 1), (waiting.Status, waiting.Attempts));
        Assert.Equal(1, (await withSubscriber.RunOnceAsync()).Delivered);

        Assert.Empty(other.Deliveries);
        Assert.Equal([2], subscriber.Successes.Select(e => e.Attempt));
    }

    /// <summary>Two handlers with the same name cannot be told apart, so a dispatcher refuses them.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Create_TwoHandlersWithOneName_Refused()
    {
        var first = new ScriptedOutboxHandler(MessageType, name: "conformance.twin");
        var second = new ScriptedOutboxHandler("conformance.other", name: "conformance.twin");
        await using var context = await StartOutboxAsync(o => { });

        var refused = Assert.Throws<ArgumentException>(() => OutboxDispatcher.Create(context.Sessions, context.Queue, [first, second], new OutboxDispatcherOptions(), context.Clock));

        Assert.Contains("'conformance.twin'", refused.Message, StringComparison.Ordinal);
    }
}
