using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Delayed messages, and withdrawing and rescheduling them by key in later units of work.</summary>
public abstract partial class OutboxConformanceTests
{
    /// <summary>A message published to be delivered not before T is not delivered a moment before T, and is delivered once at T.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RunOnceAsync_DelayedMessage_NotDeliveredBeforeItsTimeAndOnceAtIt()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        var at = context.Now.AddMinutes(30);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Publish(OutboxMessage.Create(MessageType, new { n = 1 }, "key-delayed"), at);
            await session.CommitAsync();
        }

        var dispatcher = Dispatcher(context);
        context.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(1));
        var early = await dispatcher.RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var onTime = await dispatcher.RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromHours(1));
        var later = await dispatcher.RunOnceAsync();

        Assert.Equal(default, early);
        Assert.Equal(1, onTime.Delivered);
        Assert.Equal(default, later);
        Assert.Equal("key-delayed", Assert.Single(handler.Successes).IdempotencyKey);
    }

    /// <summary>
    /// A later unit of work withdraws a keyed delayed message together with its documents: the message is never
    /// delivered, however long the dispatcher runs; a withdrawal of a key no message has changes nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task WithdrawMessage_InLaterSession_NeverDelivered()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishKeyedAsync(context, context.TenantA, "reminder-1", context.Now.AddMinutes(10), 1);
        await PublishKeyedAsync(context, context.TenantA, "reminder-2", context.Now.AddMinutes(10), 2);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "cancelled-appointment"));
            session.WithdrawMessage("reminder-1");
            session.WithdrawMessage("no-such-reminder");
            await session.CommitAsync();
        }

        var dispatcher = Dispatcher(context);
        var results = new List<OutboxDispatchResult>();
        for (var i = 0; i < 4; i++)
        {
            context.Clock.Advance(TimeSpan.FromMinutes(10));
            results.Add(await dispatcher.RunOnceAsync());
        }

        Assert.Equal(1, results.Sum(r => r.Delivered));
        Assert.Equal(["idem-2"], handler.Deliveries.Select(e => e.IdempotencyKey));
        var messages = await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA);
        Assert.Equal(QueueItemStatus.Cancelled, messages.Single(m => m.IdempotencyKey == "idem-1").Status);
    }

    /// <summary>
    /// A later unit of work reschedules a keyed message: it is not delivered at its old time, and delivered once at the
    /// new one (later or earlier than the old).
    /// </summary>
    /// <param name="minutes">The new delivery time, in minutes from now (the old one is 10).</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(25)]
    [InlineData(5)]
    public async Task RescheduleMessage_InLaterSession_DeliveredOnceAtTheNewTime(int minutes)
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        var start = context.Now;
        await PublishKeyedAsync(context, context.TenantA, "follow-up", start.AddMinutes(10), 1);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.RescheduleMessage("follow-up", start.AddMinutes(minutes));
            await session.CommitAsync();
        }

        var dispatcher = Dispatcher(context);
        var deliveredAt = new List<DateTimeOffset>();
        for (var minute = 1; minute <= 40; minute++)
        {
            context.Clock.Advance(TimeSpan.FromMinutes(1));
            if ((await dispatcher.RunOnceAsync()).Delivered > 0)
            {
                deliveredAt.Add(context.Now);
            }
        }

        Assert.Equal([start.AddMinutes(minutes)], deliveredAt);
        Assert.Single(handler.Deliveries);
    }

    /// <summary>
    /// A reschedule that meets the message while a dispatcher is handing it out revokes that dispatcher's lease: the
    /// hand-out writes nothing, and the message is delivered once, at the new time.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RescheduleMessage_WhileBeingHandedOut_HandOutLosesAndNewTimeHolds()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishKeyedAsync(context, context.TenantA, "race", context.Now, 1);
        var inFlight = Assert.Single(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = OutboxMessage.QueueName, TenantId = context.TenantA, Owner = "slow-dispatcher", LeaseDuration = TimeSpan.FromMinutes(5) }));
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.RescheduleMessage("race", context.Now.AddMinutes(20));
            await session.CommitAsync();
        }

        await using (var handOut = context.OpenSession(context.TenantA))
        {
            handOut.Complete(inFlight.Lease);
            await Assert.ThrowsAsync<LeaseLostException>(() => handOut.CommitAsync());
        }

        var dispatcher = Dispatcher(context);
        context.Clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(default, await dispatcher.RunOnceAsync());
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await dispatcher.RunOnceAsync()).Delivered);
        context.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(default, await dispatcher.RunOnceAsync());
        Assert.Single(handler.Deliveries);
    }

    /// <summary>
    /// A withdrawal and a reschedule in a unit of work whose commit fails (after any step) did not happen: the messages
    /// are delivered at their original times.
    /// </summary>
    /// <param name="step">The step after which the commit fails.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(CommitStep.Documents)]
    [InlineData(CommitStep.Outbox)]
    public async Task WithdrawAndRescheduleMessage_CommitFails_MessagesDeliveredAsBefore(CommitStep step)
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishKeyedAsync(context, context.TenantA, "kept", context.Now.AddMinutes(10), 1);
        await PublishKeyedAsync(context, context.TenantA, "moved", context.Now.AddMinutes(10), 2);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "doomed"));
            session.WithdrawMessage("kept");
            session.RescheduleMessage("moved", context.Now.AddHours(5));
            context.Failures.FailAfter(context.TenantA, step);
            await Assert.ThrowsAsync<CommitFailureInjectedException>(() => session.CommitAsync());
        }

        context.Clock.Advance(TimeSpan.FromMinutes(10));
        var result = await Dispatcher(context).RunOnceAsync();

        Assert.Equal(2, result.Delivered);
        Assert.Equal(["idem-1", "idem-2"], handler.Deliveries.Select(e => e.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A key names one pending message per tenant: publishing it again conflicts (nothing of that unit of work is
    /// written), another tenant may use it, and withdrawing the old message while publishing its replacement under the
    /// same key in one unit of work delivers the replacement only.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Publish_KeyOfPendingMessage_ConflictsUnlessWithdrawnInTheSameUnitOfWork()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishKeyedAsync(context, context.TenantA, "slot-reminder", context.Now.AddMinutes(10), 1);
        await using (var duplicate = context.OpenSession(context.TenantA))
        {
            duplicate.Insert(ConformanceData.Document(context.TenantA, "duplicate"));
            duplicate.Publish(OutboxMessage.Create(MessageType, new { n = 2 }, "idem-2") with { Key = "slot-reminder" });
            var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => duplicate.CommitAsync());
            Assert.Null(await duplicate.FindAsync<ConformanceDocument>("duplicate"));
            Assert.Contains("slot-reminder", conflict.Message, StringComparison.Ordinal);
        }

        await PublishKeyedAsync(context, context.TenantB, "slot-reminder", context.Now.AddMinutes(10), 3);
        await using (var replace = context.OpenSession(context.TenantA))
        {
            replace.WithdrawMessage("slot-reminder");
            replace.Publish(OutboxMessage.Create(MessageType, new { n = 4 }, "idem-4") with { Key = "slot-reminder", NotBefore = context.Now.AddMinutes(10) });
            await replace.CommitAsync();
        }

        context.Clock.Advance(TimeSpan.FromMinutes(10));
        await Dispatcher(context).RunOnceAsync();
        context.Clock.Advance(TimeSpan.FromMinutes(10));
        await Dispatcher(context).RunOnceAsync();

        Assert.Equal([("idem-3", context.TenantB), ("idem-4", context.TenantA)], handler.Successes.Select(e => (e.IdempotencyKey, e.TenantId)).OrderBy(e => e.IdempotencyKey, StringComparer.Ordinal));
    }

    /// <summary>A message key is 1 to <see cref="OutboxMessage.MaxKeyLength"/> characters and not blank; a bad one is refused when staged.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Publish_InvalidKey_RefusedWhenStaged()
    {
        await using var context = await StartOutboxAsync(o => { });
        await using var session = context.OpenSession(context.TenantA);
        var message = OutboxMessage.Create(MessageType, new { n = 1 }, "idem");

        Assert.Throws<ArgumentException>(() => session.Publish(message with { Key = " " }));
        Assert.Throws<ArgumentException>(() => session.Publish(message with { Key = new string('k', OutboxMessage.MaxKeyLength + 1) }));
        Assert.Throws<ArgumentException>(() => session.WithdrawMessage(string.Empty));
        Assert.Throws<ArgumentException>(() => session.RescheduleMessage("   ", context.Now));
        session.Publish(message with { Key = new string('k', OutboxMessage.MaxKeyLength) });
        await session.CommitAsync();
    }

    /// <summary>
    /// A withdrawn keyed message cannot be requeued while another pending message has its key (the key stays unique);
    /// once that one is handed out, it can.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RequeueAsync_WithdrawnKeyedMessageWhileKeyIsTaken_Refused()
    {
        var handler = new ScriptedOutboxHandler(MessageType);
        await using var context = await StartOutboxAsync(o => { }, handler);
        await PublishKeyedAsync(context, context.TenantA, "reminder", context.Now.AddMinutes(10), 1);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.WithdrawMessage("reminder");
            session.Publish(OutboxMessage.Create(MessageType, new { n = 2 }, "idem-2") with { Key = "reminder" }, context.Now.AddMinutes(10));
            await session.CommitAsync();
        }

        var withdrawn = (await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA)).Single(m => m.IdempotencyKey == "idem-1");
        Assert.Equal(QueueItemStatus.Cancelled, withdrawn.Status);
        Assert.False(await context.Queue.RequeueAsync(context.TenantA, withdrawn.Id));

        context.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, (await Dispatcher(context).RunOnceAsync()).Delivered);
        Assert.True(await context.Queue.RequeueAsync(context.TenantA, withdrawn.Id));
        Assert.Equal(1, (await Dispatcher(context).RunOnceAsync()).Delivered);
        Assert.Equal(["idem-2", "idem-1"], handler.Successes.Select(e => e.IdempotencyKey));
    }

    private static async Task PublishKeyedAsync(StorageTestContext context, TenantId tenantId, string key, DateTimeOffset notBefore, int n)
    {
        await using var session = context.OpenSession(tenantId);
        session.Publish(OutboxMessage.Create(MessageType, new { n }, $"idem-{n}") with { Key = key }, notBefore);
        await session.CommitAsync();
    }
}
