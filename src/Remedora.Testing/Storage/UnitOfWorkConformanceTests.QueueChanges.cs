using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Withdrawing and rescheduling queue items in a unit of work, with its documents.</summary>
public abstract partial class UnitOfWorkConformanceTests
{
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A queue item withdrawn in a unit of work that also writes a document is cancelled when it commits and is never
    /// claimable again, by id or by claim-next, however much time passes; the document is written.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Withdraw_InSession_ItemCancelledAndNeverClaimable()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        var kept = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item, kept);

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "closed-work"));
            session.Withdraw(item.Id);
            await session.CommitAsync();
            Assert.NotNull(await session.FindAsync<ConformanceDocument>("closed-work"));
        }

        var withdrawn = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Cancelled, context.Now), (withdrawn!.Status, withdrawn.FinishedAt));
        for (var i = 0; i < 3; i++)
        {
            var claimed = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, Owner = "worker", LeaseDuration = ClaimLease, MaxItems = 10 });
            Assert.DoesNotContain(claimed, c => c.Item.Id == item.Id);
            Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "worker", ClaimLease)).Status);
            context.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(QueueItemStatus.Cancelled, (await context.Queue.GetAsync(context.TenantA, item.Id))!.Status);
    }

    /// <summary>Withdrawing a leased item in a unit of work cancels it and the holder's lease is lost: its completion fails.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Withdraw_LeasedItem_HolderLosesLease()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "clinician", ClaimLease)).Item!.Lease;

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Withdraw(item.Id);
            await session.CommitAsync();
        }

        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(lease));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.RenewAsync(lease, ClaimLease));
        Assert.Equal(QueueItemStatus.Cancelled, (await context.Queue.GetAsync(context.TenantA, item.Id))!.Status);
    }

    /// <summary>
    /// A withdrawal of an item that is finished, missing or another tenant's changes nothing, and does not fail the
    /// unit of work.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Withdraw_FinishedMissingOrOtherTenantsItem_LeftAsItIs()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var done = ConformanceData.Item(context.TenantA, queue, context.Now);
        var others = ConformanceData.Item(context.TenantB, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, done);
        await ConformanceData.EnqueueAsync(context, context.TenantB, others);
        await context.Queue.CompleteAsync((await context.Queue.ClaimAsync(context.TenantA, done.Id, "worker", ClaimLease)).Item!.Lease);

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "written"));
            session.Withdraw(done.Id);
            session.Withdraw(others.Id);
            session.Withdraw(Guid.NewGuid());
            session.Reschedule(others.Id, context.Now.AddDays(1), context.Now.AddDays(2));
            await session.CommitAsync();
        }

        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(context.TenantA, done.Id))!.Status);
        var untouched = await context.Queue.GetAsync(context.TenantB, others.Id);
        Assert.Equal((QueueItemStatus.Ready, others.AvailableAt, others.DueAt), (untouched!.Status, untouched.AvailableAt, untouched.DueAt));
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantB, others.Id, "worker", ClaimLease)).Status);
    }

    /// <summary>
    /// A reschedule in a unit of work moves an item's available time (it cannot be claimed before it, and can at it) and
    /// its due time; a reschedule of the due time alone keeps the available time, and a leased item keeps its lease.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Reschedule_InSession_MovesAvailableAndDueTimes()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var later = ConformanceData.Item(context.TenantA, queue, context.Now);
        var held = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, later, held);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, held.Id, "clinician", ClaimLease)).Item!.Lease;

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Reschedule(later.Id, context.Now.AddHours(1), context.Now.AddHours(3));
            session.Reschedule(held.Id, null, context.Now.AddMinutes(30));
            await session.CommitAsync();
        }

        var moved = await context.Queue.GetAsync(context.TenantA, later.Id);
        Assert.Equal((context.Now.AddHours(1), context.Now.AddHours(3)), (moved!.AvailableAt, moved.DueAt));
        var stillHeld = await context.Queue.GetAsync(context.TenantA, held.Id);
        Assert.Equal((QueueItemStatus.Leased, held.AvailableAt, context.Now.AddMinutes(30)), (stillHeld!.Status, stillHeld.AvailableAt, stillHeld.DueAt));
        await context.Queue.RenewAsync(lease, ClaimLease);

        context.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, later.Id, "worker", ClaimLease)).Status);
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, later.Id, "worker", ClaimLease)).Status);
        await using var invalid = context.OpenSession(context.TenantA);
        Assert.Throws<ArgumentException>(() => invalid.Reschedule(later.Id, null, null));
        Assert.Throws<ArgumentException>(() => invalid.Withdraw(Guid.Empty));
    }

    /// <summary>
    /// A unit of work that enqueues, withdraws and reschedules queue items with its documents and then fails (after any
    /// step) did none of it: the withdrawn item is still claimable, the rescheduled one keeps its times, the new one and
    /// the document do not exist.
    /// </summary>
    /// <param name="step">The step after which the commit fails.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(CommitStep.Documents)]
    [InlineData(CommitStep.Audit)]
    [InlineData(CommitStep.Outbox)]
    public async Task WithdrawAndReschedule_CommitFails_ItemsAsTheyWere(CommitStep step)
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var withdrawn = ConformanceData.Item(context.TenantA, queue, context.Now);
        var moved = ConformanceData.Item(context.TenantA, queue, context.Now);
        var added = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, withdrawn, moved);

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "transition"));
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, "transition"));
            session.Withdraw(withdrawn.Id);
            session.Reschedule(moved.Id, context.Now.AddDays(1), context.Now.AddDays(2));
            session.Enqueue(added);
            context.Failures.FailAfter(context.TenantA, step);
            await Assert.ThrowsAsync<CommitFailureInjectedException>(() => session.CommitAsync());
            Assert.Null(await session.FindAsync<ConformanceDocument>("transition"));
        }

        Assert.Null(await context.Queue.GetAsync(context.TenantA, added.Id));
        var stillMoved = await context.Queue.GetAsync(context.TenantA, moved.Id);
        Assert.Equal((QueueItemStatus.Ready, moved.AvailableAt, moved.DueAt), (stillMoved!.Status, stillMoved.AvailableAt, stillMoved.DueAt));
        var claimed = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, Owner = "worker", LeaseDuration = ClaimLease, MaxItems = 10 });
        Assert.Equal(new[] { withdrawn.Id, moved.Id }.Order(), claimed.Select(c => c.Item.Id).Order());
    }

    /// <summary>
    /// A lease released in a unit of work gives the item back (claimable again from the given time) together with the
    /// documents; a release whose lease was lost fails the commit with <see cref="LeaseLostException"/> and writes nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Release_InSession_CommitsWithDocumentsOrFailsWhenLeaseLost()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        var stale = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item, stale);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "clinician", ClaimLease)).Item!.Lease;
        var lost = (await context.Queue.ClaimAsync(context.TenantA, stale.Id, "clinician", ClaimLease)).Item!.Lease;

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "released"));
            session.Release(lease, context.Now.AddMinutes(10));
            await session.CommitAsync();
        }

        var released = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Ready, context.Now.AddMinutes(10)), (released!.Status, released.AvailableAt));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(lease));

        context.Clock.Advance(ClaimLease);
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, stale.Id, "someone-else", ClaimLease)).Status);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "too-late"));
            session.Release(lost);
            await Assert.ThrowsAsync<LeaseLostException>(() => session.CommitAsync());
            Assert.Null(await session.FindAsync<ConformanceDocument>("too-late"));
        }

        var reclaimed = await context.Queue.GetAsync(context.TenantA, stale.Id);
        Assert.Equal(("someone-else", QueueItemStatus.Leased), (reclaimed!.LeaseOwner, reclaimed.Status));
    }

    /// <summary>An assignment in a unit of work revokes another holder's lease and routes the item to the assignee only.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Assign_InSession_RevokesOtherHoldersLeaseAndRoutesToAssignee()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "first", ClaimLease)).Item!.Lease;

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "reassigned"));
            session.Assign(item.Id, "second");
            await session.CommitAsync();
        }

        var assigned = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Ready, "second"), (assigned!.Status, assigned.AssignedTo));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.RenewAsync(lease, ClaimLease));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "first", ClaimLease)).Status);
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "second", ClaimLease)).Status);

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Assign(item.Id, null);
            await session.CommitAsync();
        }

        var unassigned = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Leased, null, "second"), (unassigned!.Status, unassigned.AssignedTo, unassigned.LeaseOwner));
    }
}
