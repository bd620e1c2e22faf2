using System.Collections.Concurrent;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// The work queue's semantics: claim outcomes, claim order and routing, leases that expire with time and fence out
/// stale holders, renew, release, complete, fail, requeue, cancel, assign, listing and statistics; and claims under
/// real concurrency.
/// </summary>
public abstract class QueueConformanceTests : StorageConformanceTestBase
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Claiming a ready item leases it to the claimer until now plus the duration and counts the attempt.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimAsync_ReadyItem_LeasesItToTheClaimer()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);

        var outcome = await context.Queue.ClaimAsync(context.TenantA, item.Id, "worker-1", LeaseDuration);

        Assert.True(outcome.IsClaimed);
        var (lease, claimed) = outcome.Item!;
        Assert.Equal((context.TenantA, item.Queue, item.Id, "worker-1", context.Now + LeaseDuration, 1), (lease.TenantId, lease.Queue, lease.ItemId, lease.Owner, lease.ExpiresAt, lease.Attempt));
        Assert.NotEqual(Guid.Empty, lease.Token);
        Assert.Equal((QueueItemStatus.Leased, "worker-1", (DateTimeOffset?)(context.Now + LeaseDuration), 1), (claimed.Status, claimed.LeaseOwner, claimed.LeaseExpiresAt, claimed.Attempts));
        Assert.Equal(claimed, await context.Queue.GetAsync(context.TenantA, item.Id));
    }

    /// <summary>A claim of one item reports not found, already claimed or not claimable (finished, not yet available, assigned to someone else).</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimAsync_UnclaimableItems_ReportWhy()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var leased = ConformanceData.Item(context.TenantA, queue, context.Now);
        var later = ConformanceData.Item(context.TenantA, queue, context.Now) with { AvailableAt = context.Now.AddMinutes(1) };
        var assigned = ConformanceData.Item(context.TenantA, queue, context.Now) with { AssignedTo = "worker-2" };
        var done = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, leased, later, assigned, done);
        await context.Queue.ClaimAsync(context.TenantA, leased.Id, "worker-2", LeaseDuration);
        var doneLease = (await context.Queue.ClaimAsync(context.TenantA, done.Id, "worker-2", LeaseDuration)).Item!.Lease;
        await context.Queue.CompleteAsync(doneLease);

        Assert.Equal(ClaimStatus.NotFound, (await context.Queue.ClaimAsync(context.TenantA, Guid.NewGuid(), "worker-1", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await context.Queue.ClaimAsync(context.TenantA, leased.Id, "worker-1", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await context.Queue.ClaimAsync(context.TenantA, leased.Id, "worker-2", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, later.Id, "worker-1", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, assigned.Id, "worker-1", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, done.Id, "worker-1", LeaseDuration)).Status);
        Assert.Null((await context.Queue.ClaimAsync(context.TenantA, later.Id, "worker-1", LeaseDuration)).Item);

        context.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, later.Id, "worker-1", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, assigned.Id, "worker-2", LeaseDuration)).Status);
    }

    /// <summary>16 threads claim one ready item at once, round after round: exactly one wins, the others get <see cref="ClaimStatus.AlreadyClaimed"/>.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimAsync_SixteenConcurrentClaimers_ExactlyOneWins()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        const int Rounds = 6;
        const int Claimers = 16;
        var items = Enumerable.Range(0, Rounds).Select(_ => ConformanceData.Item(context.TenantA, queue, context.Now)).ToArray();
        await ConformanceData.EnqueueAsync(context, context.TenantA, items);

        foreach (var item in items)
        {
            var outcomes = await ConformanceData.RunOnThreadsAsync(Claimers, i => context.Queue.ClaimAsync(context.TenantA, item.Id, $"claimer-{i}", LeaseDuration).GetAwaiter().GetResult());

            var winner = Assert.Single(outcomes, o => o.Status == ClaimStatus.Claimed);
            Assert.Equal(Claimers - 1, outcomes.Count(o => o.Status == ClaimStatus.AlreadyClaimed));
            var stored = await context.Queue.GetAsync(context.TenantA, item.Id);
            Assert.Equal((winner.Item!.Lease.Owner, 1), (stored!.LeaseOwner, stored.Attempts));
        }
    }

    /// <summary>
    /// 8 workers on real threads drain 5,000 items with batch claims, half completing each item on its own and half
    /// completing their batch in one unit of work: every item is completed exactly once, none is lost, none twice.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimNextAsync_EightWorkersDrainFiveThousandItems_EachCompletedExactlyOnce()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        const int Count = 5000;
        const int Workers = 8;
        var items = Enumerable.Range(0, Count).Select(i => ConformanceData.Item(context.TenantA, queue, context.Now, priority: i % 3)).ToArray();
        await ConformanceData.EnqueueAsync(context, context.TenantA, items);
        var completions = new ConcurrentDictionary<Guid, int>();

        var perWorker = await ConformanceData.RunOnThreadsAsync(Workers, worker =>
        {
            var completed = 0;
            var request = new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = $"worker-{worker}", LeaseDuration = LeaseDuration, MaxItems = 25 };
            while (true)
            {
                var batch = context.Queue.ClaimNextAsync(request).GetAwaiter().GetResult();
                if (batch.Count == 0)
                {
                    return completed;
                }

                if (worker % 2 == 0)
                {
                    foreach (var claimed in batch)
                    {
                        context.Queue.CompleteAsync(claimed.Lease).GetAwaiter().GetResult();
                        completions.AddOrUpdate(claimed.Item.Id, 1, (_, n) => n + 1);
                        completed++;
                    }
                }
                else
                {
                    var session = context.OpenSession(context.TenantA);
                    foreach (var claimed in batch)
                    {
                        session.Complete(claimed.Lease);
                    }

                    session.CommitAsync().GetAwaiter().GetResult();
                    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    foreach (var claimed in batch)
                    {
                        completions.AddOrUpdate(claimed.Item.Id, 1, (_, n) => n + 1);
                        completed++;
                    }
                }
            }
        });

        Assert.Equal(Count, perWorker.Sum());
        Assert.Equal(Count, completions.Count);
        Assert.All(completions.Values, n => Assert.Equal(1, n));
        Assert.Equal(items.Select(i => i.Id).Order(), completions.Keys.Order());
        var statistics = await context.Queue.GetStatisticsAsync(queue, context.TenantA);
        Assert.Equal((0L, 0L, 0L), (statistics.Ready, statistics.Leased, statistics.Expired));
        var stored = await ConformanceData.ListAllAsync(context, queue, context.TenantA, QueueItemStatus.Completed);
        Assert.Equal(Count, stored.Count);
        Assert.All(stored, i => Assert.Equal(1, i.Attempts));
    }

    /// <summary>Items are claimed highest priority first, then earliest due, then id in text order.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimNextAsync_ClaimsInPriorityDueAndIdOrder()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var now = context.Now;
        var lowEarly = ConformanceData.Item(context.TenantA, queue, now, priority: 0, dueIn: TimeSpan.FromMinutes(1));
        var highLate = ConformanceData.Item(context.TenantA, queue, now, priority: 2, dueIn: TimeSpan.FromHours(5));
        var highEarly = ConformanceData.Item(context.TenantA, queue, now, priority: 2, dueIn: TimeSpan.FromHours(1));
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() }.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();
        var midB = ConformanceData.Item(context.TenantA, queue, now, priority: 1, dueIn: TimeSpan.FromHours(2), id: ids[1]);
        var midA = ConformanceData.Item(context.TenantA, queue, now, priority: 1, dueIn: TimeSpan.FromHours(2), id: ids[0]);
        var negative = ConformanceData.Item(context.TenantA, queue, now, priority: -1, dueIn: TimeSpan.Zero);
        await ConformanceData.EnqueueAsync(context, context.TenantA, negative, midB, lowEarly, highLate, midA, highEarly);

        var first = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "w", LeaseDuration = LeaseDuration, MaxItems = 4 });
        var rest = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "w", LeaseDuration = LeaseDuration, MaxItems = 4 });

        Assert.Equal([highEarly.Id, highLate.Id, midA.Id, midB.Id], first.Select(c => c.Item.Id));
        Assert.Equal([lowEarly.Id, negative.Id], rest.Select(c => c.Item.Id));
        Assert.Empty(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "w", LeaseDuration = LeaseDuration }));
    }

    /// <summary>
    /// Routing: an item's jurisdiction, skill and pool must each be null or in the request's set (a null set does not
    /// restrict), and an assigned item goes only to its assignee.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimNextAsync_RoutingFilters_RestrictWhoMayClaim()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var now = context.Now;
        var open = ConformanceData.Item(context.TenantA, queue, now, priority: 0);
        var california = ConformanceData.Item(context.TenantA, queue, now, priority: 1) with { Jurisdiction = "US-CA" };
        var dermatology = ConformanceData.Item(context.TenantA, queue, now, priority: 2) with { Skill = "dermatology" };
        var teamOne = ConformanceData.Item(context.TenantA, queue, now, priority: 3) with { Pool = "team-1" };
        var all = ConformanceData.Item(context.TenantA, queue, now, priority: 4) with { Jurisdiction = "US-CA", Skill = "dermatology", Pool = "team-1" };
        var forAnn = ConformanceData.Item(context.TenantA, queue, now, priority: 5) with { AssignedTo = "ann" };
        await ConformanceData.EnqueueAsync(context, context.TenantA, open, california, dermatology, teamOne, all, forAnn);

        async Task<Guid[]> Claimable(string owner, string[]? jurisdictions, string[]? skills, string[]? pools)
        {
            var request = new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = owner, LeaseDuration = LeaseDuration, MaxItems = 10, Jurisdictions = jurisdictions, Skills = skills, Pools = pools };
            var claimed = await context.Queue.ClaimNextAsync(request);
            foreach (var item in claimed)
            {
                await context.Queue.ReleaseAsync(item.Lease);
            }

            return claimed.Select(c => c.Item.Id).ToArray();
        }

        Assert.Equal([open.Id], await Claimable("bob", ["US-NY"], ["cardiology"], ["team-2"]));
        Assert.Equal([open.Id], await Claimable("bob", [], [], []));
        Assert.Equal([california.Id, open.Id], await Claimable("bob", ["US-NY", "US-CA"], ["cardiology"], ["team-2"]));
        Assert.Equal([dermatology.Id, open.Id], await Claimable("bob", ["US-NY"], ["dermatology"], ["team-2"]));
        Assert.Equal([teamOne.Id, open.Id], await Claimable("bob", ["US-NY"], ["cardiology"], ["team-1"]));
        Assert.Equal([all.Id, teamOne.Id, dermatology.Id, california.Id, open.Id], await Claimable("bob", null, null, null));
        Assert.Equal([forAnn.Id, all.Id, teamOne.Id, dermatology.Id, california.Id, open.Id], await Claimable("ann", null, null, null));
        Assert.Equal([forAnn.Id, dermatology.Id, open.Id], await Claimable("ann", ["US-NY"], null, ["team-2"]));
    }

    /// <summary>Claims are confined to the queue, to the tenant when one is given, and span tenants when none is; items not yet available wait.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ClaimNextAsync_QueueTenantAndAvailability_Respected()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var other = StorageTestContext.NewQueueName();
        var a = ConformanceData.Item(context.TenantA, queue, context.Now, priority: 1);
        var b = ConformanceData.Item(context.TenantB, queue, context.Now, priority: 0);
        var elsewhere = ConformanceData.Item(context.TenantA, other, context.Now, priority: 9);
        var later = ConformanceData.Item(context.TenantA, queue, context.Now, priority: 9) with { AvailableAt = context.Now.AddSeconds(30) };
        await ConformanceData.EnqueueAsync(context, context.TenantA, a, elsewhere, later);
        await ConformanceData.EnqueueAsync(context, context.TenantB, b);

        var tenantB = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantB, Owner = "w", LeaseDuration = LeaseDuration, MaxItems = 10 });
        await context.Queue.ReleaseAsync(tenantB[0].Lease);
        var everyone = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, Owner = "w", LeaseDuration = LeaseDuration, MaxItems = 10 });
        context.Clock.Advance(TimeSpan.FromSeconds(30));
        var afterWait = await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, Owner = "w", LeaseDuration = LeaseDuration, MaxItems = 10 });

        Assert.Equal([b.Id], tenantB.Select(c => c.Item.Id));
        Assert.Equal([a.Id, b.Id], everyone.Select(c => c.Item.Id));
        Assert.Equal([later.Id], afterWait.Select(c => c.Item.Id));
        Assert.Equal(QueueItemStatus.Ready, (await context.Queue.GetAsync(context.TenantA, elsewhere.Id))!.Status);
    }

    /// <summary>
    /// A lease expires with time: the item is claimable again (by a claim of that item or the next claim), the attempt
    /// is counted, and the stale holder is fenced out of renew, release, complete and fail.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Lease_Expired_ItemClaimableAgainAndStaleHolderFencedOut()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var first = ConformanceData.Item(context.TenantA, queue, context.Now);
        var second = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, first, second);
        var staleFirst = (await context.Queue.ClaimAsync(context.TenantA, first.Id, "old", TimeSpan.FromSeconds(30))).Item!.Lease;
        var staleSecond = (await context.Queue.ClaimAsync(context.TenantA, second.Id, "old", TimeSpan.FromSeconds(30))).Item!.Lease;

        context.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await context.Queue.ClaimAsync(context.TenantA, first.Id, "new", LeaseDuration)).Status);
        Assert.Empty(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "new", LeaseDuration = LeaseDuration }));
        context.Clock.Advance(TimeSpan.FromSeconds(2));

        var reclaimed = await context.Queue.ClaimAsync(context.TenantA, first.Id, "new", LeaseDuration);
        var next = Assert.Single(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "new", LeaseDuration = LeaseDuration, MaxItems = 5 }));

        Assert.Equal(ClaimStatus.Claimed, reclaimed.Status);
        Assert.Equal(2, reclaimed.Item!.Lease.Attempt);
        Assert.Equal(second.Id, next.Item.Id);
        Assert.Equal(2, next.Lease.Attempt);
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.RenewAsync(staleFirst, LeaseDuration));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.ReleaseAsync(staleFirst));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(staleFirst));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.FailAsync(staleSecond, "error", null));
        await context.Queue.CompleteAsync(reclaimed.Item.Lease);
        await context.Queue.CompleteAsync(next.Lease);
    }

    /// <summary>Renew extends the lease from now, also after expiry while nobody has reclaimed the item.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RenewAsync_HeldLease_ExtendsFromNow()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", TimeSpan.FromSeconds(30))).Item!.Lease;

        context.Clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = await context.Queue.RenewAsync(lease, TimeSpan.FromSeconds(30));
        Assert.Equal(context.Now.AddSeconds(30), renewed.ExpiresAt);
        Assert.Equal(lease with { ExpiresAt = renewed.ExpiresAt }, renewed);
        Assert.Equal(renewed.ExpiresAt, (await context.Queue.GetAsync(context.TenantA, item.Id))!.LeaseExpiresAt);

        context.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await context.Queue.RenewAsync(renewed, TimeSpan.FromSeconds(30));
        Assert.Equal(context.Now.AddSeconds(30), late.ExpiresAt);
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "other", LeaseDuration)).Status);
        await context.Queue.CompleteAsync(lease);
    }

    /// <summary>Release makes the item ready from the given time (or now) and ends the lease.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ReleaseAsync_HeldLease_ItemReadyFromGivenTime()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Item!.Lease;

        await context.Queue.ReleaseAsync(lease, context.Now.AddMinutes(2));

        var released = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Ready, context.Now.AddMinutes(2), 1), (released!.Status, released.AvailableAt, released.Attempts));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(lease));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Status);
        context.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Item!.Lease;
        await context.Queue.ReleaseAsync(again);
        Assert.Equal(context.Now, (await context.Queue.GetAsync(context.TenantA, item.Id))!.AvailableAt);
    }

    /// <summary>Complete finishes the item; completing twice is a lost lease.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task CompleteAsync_HeldLease_FinishesItemOnce()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Item!.Lease;
        context.Clock.Advance(TimeSpan.FromSeconds(5));

        await context.Queue.CompleteAsync(lease);

        var done = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Completed, (DateTimeOffset?)context.Now), (done!.Status, done.FinishedAt));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(lease));
    }

    /// <summary>Fail with a retry time records the error and makes the item ready then; fail without one dead-letters it.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task FailAsync_RetryOrDeadLetter_RecordsError()
    {
        await using var context = await StartAsync();
        var item = ConformanceData.Item(context.TenantA, StorageTestContext.NewQueueName(), context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);
        var first = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Item!.Lease;

        await context.Queue.FailAsync(first, "first-error", context.Now.AddSeconds(10));
        var retrying = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Ready, context.Now.AddSeconds(10), "first-error", (DateTimeOffset?)null), (retrying!.Status, retrying.AvailableAt, retrying.LastError, retrying.FinishedAt));

        context.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Item!.Lease;
        await context.Queue.FailAsync(second, "second-error", null);
        var dead = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.DeadLettered, "second-error", 2, (DateTimeOffset?)context.Now), (dead!.Status, dead.LastError, dead.Attempts, dead.FinishedAt));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.FailAsync(second, "again", null));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "w", LeaseDuration)).Status);
    }

    /// <summary>Requeue replays a dead-lettered or cancelled item with its attempts reset and refuses any other.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task RequeueAsync_DeadLetteredOrCancelled_ReadyWithAttemptsReset()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var dead = ConformanceData.Item(context.TenantA, queue, context.Now);
        var cancelled = ConformanceData.Item(context.TenantA, queue, context.Now);
        var ready = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, dead, cancelled, ready);
        await context.Queue.FailAsync((await context.Queue.ClaimAsync(context.TenantA, dead.Id, "w", LeaseDuration)).Item!.Lease, "boom", null);
        await context.Queue.CancelAsync(context.TenantA, cancelled.Id);
        context.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await context.Queue.RequeueAsync(context.TenantA, dead.Id));
        Assert.True(await context.Queue.RequeueAsync(context.TenantA, cancelled.Id));
        Assert.False(await context.Queue.RequeueAsync(context.TenantA, ready.Id));
        Assert.False(await context.Queue.RequeueAsync(context.TenantA, Guid.NewGuid()));

        var replayed = await context.Queue.GetAsync(context.TenantA, dead.Id);
        Assert.Equal((QueueItemStatus.Ready, 0, (DateTimeOffset?)null), (replayed!.Status, replayed.Attempts, replayed.FinishedAt));
        Assert.True(replayed.AvailableAt <= context.Now);
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, dead.Id, "w", LeaseDuration)).Status);
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, cancelled.Id, "w", LeaseDuration)).Status);
    }

    /// <summary>Cancel finishes an unfinished item, ending any lease on it, and refuses finished items.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task CancelAsync_UnfinishedItem_CancelledAndLeaseLost()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var ready = ConformanceData.Item(context.TenantA, queue, context.Now);
        var leased = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, ready, leased);
        var lease = (await context.Queue.ClaimAsync(context.TenantA, leased.Id, "w", LeaseDuration)).Item!.Lease;

        Assert.True(await context.Queue.CancelAsync(context.TenantA, ready.Id));
        Assert.True(await context.Queue.CancelAsync(context.TenantA, leased.Id));
        Assert.False(await context.Queue.CancelAsync(context.TenantA, ready.Id));
        Assert.False(await context.Queue.CancelAsync(context.TenantA, Guid.NewGuid()));

        Assert.Equal(QueueItemStatus.Cancelled, (await context.Queue.GetAsync(context.TenantA, ready.Id))!.Status);
        Assert.Equal((QueueItemStatus.Cancelled, (DateTimeOffset?)context.Now), ((await context.Queue.GetAsync(context.TenantA, leased.Id))!.Status, (await context.Queue.GetAsync(context.TenantA, leased.Id))!.FinishedAt));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(lease));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, ready.Id, "w", LeaseDuration)).Status);
    }

    /// <summary>Assign routes an item to one owner: another holder's lease is revoked and the item is ready for the assignee only.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task AssignAsync_ToAnotherOwner_RevokesLeaseAndRoutesToAssignee()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        var finished = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item, finished);
        await context.Queue.CancelAsync(context.TenantA, finished.Id);
        var bobLease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "bob", LeaseDuration)).Item!.Lease;

        Assert.True(await context.Queue.AssignAsync(context.TenantA, item.Id, "ann"));
        Assert.False(await context.Queue.AssignAsync(context.TenantA, finished.Id, "ann"));
        Assert.False(await context.Queue.AssignAsync(context.TenantA, Guid.NewGuid(), "ann"));

        var assigned = await context.Queue.GetAsync(context.TenantA, item.Id);
        Assert.Equal((QueueItemStatus.Ready, "ann"), (assigned!.Status, assigned.AssignedTo));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(bobLease));
        Assert.Equal(ClaimStatus.NotClaimable, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "bob", LeaseDuration)).Status);
        Assert.Empty(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "bob", LeaseDuration = LeaseDuration }));
        var annLease = (await context.Queue.ClaimAsync(context.TenantA, item.Id, "ann", LeaseDuration)).Item!.Lease;

        // Assigning to the holder keeps the lease; unassigning opens the item to everyone again.
        Assert.True(await context.Queue.AssignAsync(context.TenantA, item.Id, "ann"));
        await context.Queue.ReleaseAsync(annLease);
        Assert.True(await context.Queue.AssignAsync(context.TenantA, item.Id, null));
        Assert.Equal(ClaimStatus.Claimed, (await context.Queue.ClaimAsync(context.TenantA, item.Id, "bob", LeaseDuration)).Status);
    }

    /// <summary>Listing orders by creation time then id, pages with keyset tokens and filters by tenant, status and lease owner.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ListAsync_FiltersAndPagesInCreationOrder()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var created = new List<QueueItem>();
        for (var batch = 0; batch < 3; batch++)
        {
            var items = Enumerable.Range(0, 4).Select(_ => ConformanceData.Item(context.TenantA, queue, context.Now)).ToArray();
            await ConformanceData.EnqueueAsync(context, context.TenantA, items);
            created.AddRange(items.OrderBy(i => i.Id.ToString(), StringComparer.Ordinal));
            context.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await ConformanceData.EnqueueAsync(context, context.TenantB, ConformanceData.Item(context.TenantB, queue, context.Now));
        var leased = await context.Queue.ClaimAsync(context.TenantA, created[5].Id, "lister", LeaseDuration);

        var pages = new List<QueuePage>();
        string? token = null;
        do
        {
            var page = await context.Queue.ListAsync(new QueueQuery { Queue = queue, TenantId = context.TenantA, Limit = 5, ContinuationToken = token });
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([5, 5, 2], pages.Select(p => p.Items.Count));
        Assert.Equal(created.Select(i => i.Id), pages.SelectMany(p => p.Items).Select(i => i.Id));
        Assert.Equal([created[5].Id], (await context.Queue.ListAsync(new QueueQuery { Queue = queue, TenantId = context.TenantA, Status = QueueItemStatus.Leased })).Items.Select(i => i.Id));
        Assert.Equal([created[5].Id], (await context.Queue.ListAsync(new QueueQuery { Queue = queue, LeaseOwner = "lister" })).Items.Select(i => i.Id));
        Assert.Equal(13, (await ConformanceData.ListAllAsync(context, queue, null)).Count);
        Assert.True(leased.IsClaimed);
    }

    /// <summary>Statistics count ready, leased, expired, dead-lettered and overdue items, unfinished items by priority, and the oldest claimable time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetStatisticsAsync_CountsEveryState()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var t0 = context.Now;
        var ready = ConformanceData.Item(context.TenantA, queue, t0, priority: 1, dueIn: TimeSpan.FromMinutes(30));
        var future = ConformanceData.Item(context.TenantA, queue, t0, priority: 1, dueIn: TimeSpan.FromHours(3)) with { AvailableAt = t0.AddHours(2) };
        var leased = ConformanceData.Item(context.TenantA, queue, t0, priority: 2, dueIn: TimeSpan.FromHours(3));
        var expiring = ConformanceData.Item(context.TenantA, queue, t0, priority: 2, dueIn: TimeSpan.FromMinutes(30));
        var dead = ConformanceData.Item(context.TenantA, queue, t0, priority: 5);
        var done = ConformanceData.Item(context.TenantA, queue, t0, priority: 5, dueIn: TimeSpan.Zero);
        var otherTenant = ConformanceData.Item(context.TenantB, queue, t0, priority: 7);
        await ConformanceData.EnqueueAsync(context, context.TenantA, ready, future, leased, expiring, dead, done);
        await ConformanceData.EnqueueAsync(context, context.TenantB, otherTenant);
        await context.Queue.ClaimAsync(context.TenantA, leased.Id, "w", TimeSpan.FromHours(2));
        await context.Queue.ClaimAsync(context.TenantA, expiring.Id, "w", TimeSpan.FromMinutes(10));
        await context.Queue.FailAsync((await context.Queue.ClaimAsync(context.TenantA, dead.Id, "w", LeaseDuration)).Item!.Lease, "boom", null);
        await context.Queue.CompleteAsync((await context.Queue.ClaimAsync(context.TenantA, done.Id, "w", LeaseDuration)).Item!.Lease);
        context.Clock.Advance(TimeSpan.FromMinutes(45));

        var statistics = await context.Queue.GetStatisticsAsync(queue, context.TenantA);
        var all = await context.Queue.GetStatisticsAsync(queue, null);
        var empty = await context.Queue.GetStatisticsAsync(StorageTestContext.NewQueueName(), null);

        Assert.Equal((2L, 1L, 1L, 1L, 2L), (statistics.Ready, statistics.Leased, statistics.Expired, statistics.DeadLettered, statistics.Overdue));
        Assert.Equal(new Dictionary<int, long> { [1] = 2, [2] = 2 }, statistics.UnfinishedByPriority.OrderBy(p => p.Key).ToDictionary());
        Assert.Equal(t0, statistics.OldestClaimableSince);
        Assert.Equal(3L, all.Ready);
        Assert.Equal(1L, all.UnfinishedByPriority[7]);
        Assert.Equal((0L, 0L, 0L, 0L, 0L, (DateTimeOffset?)null), (empty.Ready, empty.Leased, empty.Expired, empty.DeadLettered, empty.Overdue, empty.OldestClaimableSince));
        Assert.Empty(empty.UnfinishedByPriority);
    }
}
