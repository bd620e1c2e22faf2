using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// One command, one transaction: a commit applies documents, audit records, outbox messages, queue items and lease
/// completions together or not at all, runs the interceptors after each step, and leaves the session empty.
/// </summary>
public abstract partial class UnitOfWorkConformanceTests : StorageConformanceTestBase
{
    /// <summary>
    /// A failure injected after any step of a commit leaves nothing of the unit of work visible: no document written,
    /// changed or deleted, no audit record and an unchanged chain head, no outbox message or queue item, the lease
    /// still held. The next commit continues the chain without a gap.
    /// </summary>
    /// <param name="step">The step after which the commit fails.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(CommitStep.Documents)]
    [InlineData(CommitStep.Audit)]
    [InlineData(CommitStep.Outbox)]
    public async Task Commit_FailureAfterStep_LeavesNothingVisible(CommitStep step)
    {
        await using var context = await StartAsync();
        var tenant = context.TenantA;
        var queue = StorageTestContext.NewQueueName();
        var existing = ConformanceData.Document(context.TenantA, "existing", "before");
        var doomed = ConformanceData.Document(context.TenantA, "doomed");
        var held = ConformanceData.Item(tenant, queue, context.Now);
        await using (var setup = context.OpenSession(tenant))
        {
            existing = setup.Insert(existing);
            doomed = setup.Insert(doomed);
            setup.Audit(ConformanceData.Event(tenant, context.Now, "setup"));
            setup.Enqueue(held);
            await setup.CommitAsync();
        }

        var lease = (await context.Queue.ClaimAsync(tenant, held.Id, "worker", TimeSpan.FromMinutes(5))).Item!.Lease;
        var headBefore = await context.AuditLog.GetHeadAsync(tenant);
        var newItem = ConformanceData.Item(tenant, queue, context.Now);

        await using var session = context.OpenSession(tenant);
        session.Insert(ConformanceData.Document(tenant, "new"));
        session.Update(existing with { Category = "after" });
        session.Delete(doomed);
        session.Audit(ConformanceData.Event(tenant, context.Now, "first"));
        session.Audit(ConformanceData.Event(tenant, context.Now, "second"));
        session.Publish(OutboxMessage.Create("conformance.happened", new { Id = "new" }, "key-new"));
        session.Enqueue(newItem);
        session.Complete(lease);
        context.Failures.FailAfter(tenant, step);

        var failure = await Assert.ThrowsAsync<CommitFailureInjectedException>(() => session.CommitAsync());
        Assert.Equal(step, failure.Step);

        Assert.Null(await session.FindAsync<ConformanceDocument>("new"));
        Assert.Equal(existing, await session.FindAsync<ConformanceDocument>("existing"));
        Assert.Equal(doomed, await session.FindAsync<ConformanceDocument>("doomed"));
        var headAfter = await context.AuditLog.GetHeadAsync(tenant);
        Assert.Equal(headBefore.Sequence, headAfter.Sequence);
        Assert.Equal(headBefore.Hash.ToArray(), headAfter.Hash.ToArray());
        Assert.Single(await ConformanceData.ReadChainAsync(context, tenant));
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, tenant));
        Assert.Null(await context.Queue.GetAsync(tenant, newItem.Id));
        var heldItem = await context.Queue.GetAsync(tenant, held.Id);
        Assert.Equal(QueueItemStatus.Leased, heldItem!.Status);

        // The unit of work can be retried as a whole, and the chain continues without a gap.
        session.Insert(ConformanceData.Document(tenant, "new"));
        session.Audit(ConformanceData.Event(tenant, context.Now, "retry"));
        session.Complete(lease);
        await session.CommitAsync();
        var chain = await ConformanceData.ReadChainAsync(context, tenant);
        Assert.Equal([1L, 2L], chain.Select(r => r.Sequence));
        ConformanceData.AssertValidChain(chain, tenant);
        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(tenant, held.Id))!.Status);
    }

    /// <summary>The interceptors run after each of the three steps, in order, with the session's tenant.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_RunsInterceptorsAfterEachStepInOrder()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-1"));
        session.Audit(ConformanceData.Event(context.TenantA, context.Now));

        await session.CommitAsync();

        Assert.Equal(
            [(context.TenantA, CommitStep.Documents), (context.TenantA, CommitStep.Audit), (context.TenantA, CommitStep.Outbox)],
            context.Failures.Seen.Where(s => s.TenantId == context.TenantA));
    }

    /// <summary>After a failed commit the session is empty: committing again writes nothing.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_AfterFailure_SessionIsEmpty()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-1"));
        session.Audit(ConformanceData.Event(context.TenantA, context.Now));
        context.Failures.FailAfter(context.TenantA, CommitStep.Outbox);
        await Assert.ThrowsAsync<CommitFailureInjectedException>(() => session.CommitAsync());

        await session.CommitAsync();

        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-1"));
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
    }

    /// <summary>After a successful commit the session is empty and can stage and commit more work.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_AfterSuccess_SessionStagesMoreWork()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        var first = session.Insert(ConformanceData.Document(context.TenantA, "doc-1"));
        await session.CommitAsync();
        session.Update(first with { Category = "second" });
        session.Insert(ConformanceData.Document(context.TenantA, "doc-2"));
        await session.CommitAsync();

        Assert.Equal(2, (await session.FindAsync<ConformanceDocument>("doc-1"))!.Version);
        Assert.Equal(2, await session.CountAsync(DocumentQuery<ConformanceDocument>.All));
    }

    /// <summary>A conflict on a later write of the unit of work undoes the earlier ones.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_ConflictOnLaterWrite_WritesNothing()
    {
        await using var context = await StartAsync();
        var stale = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1")))[0] with { Version = 7 };
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-2"));
        session.Update(stale);
        session.Audit(ConformanceData.Event(context.TenantA, context.Now));
        session.Enqueue(item);
        session.Publish(OutboxMessage.Create("conformance.happened", 1, "key-1"));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());

        Assert.Equal((7L, (long?)1), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-2"));
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
        Assert.Null(await context.Queue.GetAsync(context.TenantA, item.Id));
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA));
    }

    /// <summary>Disposing a session without committing discards its staged work.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Dispose_WithoutCommit_DiscardsStagedWork()
    {
        await using var context = await StartAsync();
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(ConformanceData.Document(context.TenantA, "doc-1"));
            session.Audit(ConformanceData.Event(context.TenantA, context.Now));
        }

        await using var check = context.OpenSession(context.TenantA);
        Assert.Null(await check.FindAsync<ConformanceDocument>("doc-1"));
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
    }

    /// <summary>Enqueue stores a new item as ready, without attempts or lease, created now, whatever the item said.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Enqueue_NewItem_StoredReadyAndCreatedNow()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now, priority: 3) with
        {
            Status = QueueItemStatus.Completed,
            Attempts = 9,
            LeaseOwner = "someone",
            LeaseExpiresAt = context.Now.AddDays(1),
            CreatedAt = context.Now.AddYears(-1),
            Jurisdiction = "US-CA",
            Skill = "dermatology",
            Pool = "team-1",
            SubjectId = "subject-1",
            Reference = "ref-1",
            MessageType = "type",
            Payload = "{}",
            IdempotencyKey = "key",
        };
        context.Clock.Advance(TimeSpan.FromSeconds(3));

        await ConformanceData.EnqueueAsync(context, context.TenantA, item);

        var stored = await context.Queue.GetAsync(context.TenantA, item.Id);
        var expected = item with
        {
            Status = QueueItemStatus.Ready,
            Attempts = 0,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            CreatedAt = context.Now,
        };
        Assert.Equal(expected, stored);
    }

    /// <summary>Enqueueing an id that exists already conflicts on resource type <c>QueueItem</c>.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Enqueue_ExistingId_Conflicts()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, item);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ConformanceData.EnqueueAsync(context, context.TenantA, item with { Priority = 5 }));

        Assert.Equal(("QueueItem", item.Id.ToString()), (conflict.ResourceType, conflict.ResourceId));
        Assert.Equal(0, (await context.Queue.GetAsync(context.TenantA, item.Id))!.Priority);
    }

    /// <summary>Publish stores the message in the outbox queue, available now or at its not-before time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Publish_Message_StoredInOutboxQueue()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        session.Publish(OutboxMessage.Create("conformance.now", new { Value = 1 }, "key-now"));
        session.Publish(OutboxMessage.Create("conformance.later", new { Value = 2 }, "key-later") with { NotBefore = context.Now.AddMinutes(10) });
        await session.CommitAsync();

        var items = await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA);

        Assert.Equal(2, items.Count);
        var now = Assert.Single(items, i => i.MessageType == "conformance.now");
        Assert.Equal(("{\"value\":1}", "key-now", context.Now, QueueItemStatus.Ready), (now.Payload, now.IdempotencyKey, now.AvailableAt, now.Status));
        var later = Assert.Single(items, i => i.MessageType == "conformance.later");
        Assert.Equal(context.Now.AddMinutes(10), later.AvailableAt);
    }

    /// <summary>A staged lease completion commits with the work; a lost lease fails the whole commit with <see cref="LeaseLostException"/>.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Complete_StagedLease_CommitsWithWorkOrFailsItWhenLost()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var first = ConformanceData.Item(context.TenantA, queue, context.Now);
        var second = ConformanceData.Item(context.TenantA, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantA, first, second);
        var firstLease = (await context.Queue.ClaimAsync(context.TenantA, first.Id, "worker", TimeSpan.FromMinutes(1))).Item!.Lease;
        var secondLease = (await context.Queue.ClaimAsync(context.TenantA, second.Id, "worker", TimeSpan.FromMinutes(1))).Item!.Lease;

        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "result-1"));
        session.Complete(firstLease);
        await session.CommitAsync();
        Assert.Equal(QueueItemStatus.Completed, (await context.Queue.GetAsync(context.TenantA, first.Id))!.Status);

        await context.Queue.ReleaseAsync(secondLease);
        session.Insert(ConformanceData.Document(context.TenantA, "result-2"));
        session.Complete(secondLease);
        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => session.CommitAsync());
        Assert.Equal(secondLease, lost.Lease);
        Assert.Equal(StorageErrorCodes.LeaseLost, lost.Code);
        Assert.Null(await session.FindAsync<ConformanceDocument>("result-2"));
        Assert.Equal(QueueItemStatus.Ready, (await context.Queue.GetAsync(context.TenantA, second.Id))!.Status);
    }
}
