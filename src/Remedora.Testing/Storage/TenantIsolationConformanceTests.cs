using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// Tenant isolation: every session, queue and audit-log method, called for tenant A, neither sees nor changes
/// tenant B's rows, even with B's keys and ids in hand.
/// </summary>
public abstract class TenantIsolationConformanceTests : StorageConformanceTestBase
{
    /// <summary>Find, query and count in tenant A never return tenant B's documents, even under the same key.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SessionReads_OtherTenantsDocuments_NeverSeen()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantB, ConformanceData.Document(context.TenantB, "shared", "b", 1), ConformanceData.Document(context.TenantB, "only-b", "b", 2));
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "shared", "a", 1));
        await using var session = context.OpenSession(context.TenantA);

        Assert.Equal(context.TenantA, session.TenantId);
        Assert.Equal("a", (await session.FindAsync<ConformanceDocument>("shared"))!.Category);
        Assert.Null(await session.FindAsync<ConformanceDocument>("only-b"));
        Assert.Equal(["shared"], (await session.QueryAsync(DocumentQuery<ConformanceDocument>.All)).Items.Select(d => d.Key));
        Assert.Empty((await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("category", "b"))).Items);
        Assert.Empty((await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("rank").After(ContinuationToken.Encode(0L, string.Empty)).Where("category", "b"))).Items);
        Assert.Equal(1, await session.CountAsync(DocumentQuery<ConformanceDocument>.All));
        Assert.Equal(0, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where("category", "b")));
    }

    /// <summary>Staging a document, audit event, queue item or lease of tenant B in a session of tenant A throws <see cref="TenantMismatchException"/> at once.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SessionWrites_OtherTenantsRecords_RefusedAtOnce()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var itemOfB = ConformanceData.Item(context.TenantB, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantB, itemOfB);
        var leaseOfB = (await context.Queue.ClaimAsync(context.TenantB, itemOfB.Id, "w", TimeSpan.FromMinutes(1))).Item!.Lease;
        var documentOfB = (await ConformanceData.InsertAsync(context, context.TenantB, ConformanceData.Document(context.TenantB, "doc")))[0];
        await using var session = context.OpenSession(context.TenantA);

        var mismatches = new[]
        {
            Assert.Throws<TenantMismatchException>(() => session.Insert(ConformanceData.Document(context.TenantB, "new"))),
            Assert.Throws<TenantMismatchException>(() => session.Update(documentOfB with { Category = "changed" })),
            Assert.Throws<TenantMismatchException>(() => session.Delete(documentOfB)),
            Assert.Throws<TenantMismatchException>(() => session.Audit(ConformanceData.Event(context.TenantB, context.Now))),
            Assert.Throws<TenantMismatchException>(() => session.Enqueue(ConformanceData.Item(context.TenantB, queue, context.Now))),
        };
        Assert.All(mismatches, m => Assert.Equal((context.TenantA, context.TenantB, RemedoraErrorCodes.TenantMismatch), (m.ExpectedTenant, m.ActualTenant, m.Code)));

        Exception? leaseError = Record.Exception(() => session.Complete(leaseOfB));
        if (leaseError is null)
        {
            await Assert.ThrowsAsync<LeaseLostException>(() => session.CommitAsync());
        }
        else
        {
            Assert.IsType<TenantMismatchException>(leaseError);
        }

        await session.CommitAsync();
        await using var sessionOfB = context.OpenSession(context.TenantB);
        Assert.Equal(documentOfB, await sessionOfB.FindAsync<ConformanceDocument>("doc"));
        Assert.Equal(QueueItemStatus.Leased, (await context.Queue.GetAsync(context.TenantB, itemOfB.Id))!.Status);
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantB)).Sequence);
    }

    /// <summary>Tenant A's documents with the keys of tenant B's: writes in A change only A's rows.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SessionWrites_SameKeyInTwoTenants_ChangeOnlyOwnTenant()
    {
        await using var context = await StartAsync();
        var ofB = (await ConformanceData.InsertAsync(context, context.TenantB, ConformanceData.Document(context.TenantB, "shared", "b")))[0];
        var ofA = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "shared", "a")))[0];

        await using (var session = context.OpenSession(context.TenantA))
        {
            // An update of a key that exists only in tenant B conflicts as missing in tenant A.
            session.Update(ofB with { TenantId = context.TenantA, Key = "only-b" });
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());
            session.Update(ofA with { Category = "a2" });
            await session.CommitAsync();
            session.Delete(ofA with { Version = 2 });
            await session.CommitAsync();
        }

        await using var check = context.OpenSession(context.TenantB);
        Assert.Equal(ofB, await check.FindAsync<ConformanceDocument>("shared"));
    }

    /// <summary>Outbox messages and queue items are stored in the session's own tenant.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SessionPublish_StoresMessagesInOwnTenant()
    {
        await using var context = await StartAsync();
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Publish(OutboxMessage.Create("conformance.event", 1, "key-1"));
            await session.CommitAsync();
        }

        Assert.Single(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA));
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantB));
    }

    /// <summary>Every queue method called for tenant A with tenant B's item ids neither sees nor changes B's items.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task QueueMethods_OtherTenantsItems_NeverSeenOrChanged()
    {
        await using var context = await StartAsync();
        var queue = StorageTestContext.NewQueueName();
        var ready = ConformanceData.Item(context.TenantB, queue, context.Now);
        var leased = ConformanceData.Item(context.TenantB, queue, context.Now);
        var dead = ConformanceData.Item(context.TenantB, queue, context.Now);
        await ConformanceData.EnqueueAsync(context, context.TenantB, ready, leased, dead);
        var leaseOfB = (await context.Queue.ClaimAsync(context.TenantB, leased.Id, "owner-b", TimeSpan.FromMinutes(5))).Item!.Lease;
        await context.Queue.FailAsync((await context.Queue.ClaimAsync(context.TenantB, dead.Id, "owner-b", TimeSpan.FromMinutes(5))).Item!.Lease, "boom", null);
        var before = await ConformanceData.ListAllAsync(context, queue, context.TenantB);
        var forged = leaseOfB with { TenantId = context.TenantA };

        Assert.Equal(ClaimStatus.NotFound, (await context.Queue.ClaimAsync(context.TenantA, ready.Id, "owner-a", TimeSpan.FromMinutes(5))).Status);
        Assert.Empty(await context.Queue.ClaimNextAsync(new ClaimRequest { Queue = queue, TenantId = context.TenantA, Owner = "owner-a", LeaseDuration = TimeSpan.FromMinutes(5), MaxItems = 10 }));
        Assert.Null(await context.Queue.GetAsync(context.TenantA, ready.Id));
        Assert.Empty((await context.Queue.ListAsync(new QueueQuery { Queue = queue, TenantId = context.TenantA })).Items);
        var statistics = await context.Queue.GetStatisticsAsync(queue, context.TenantA);
        Assert.Equal((0L, 0L, 0L, 0L, (DateTimeOffset?)null), (statistics.Ready, statistics.Leased, statistics.DeadLettered, statistics.Overdue, statistics.OldestClaimableSince));
        Assert.False(await context.Queue.RequeueAsync(context.TenantA, dead.Id));
        Assert.False(await context.Queue.CancelAsync(context.TenantA, ready.Id));
        Assert.False(await context.Queue.AssignAsync(context.TenantA, leased.Id, "owner-a"));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.RenewAsync(forged, TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.ReleaseAsync(forged));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.CompleteAsync(forged));
        await Assert.ThrowsAsync<LeaseLostException>(() => context.Queue.FailAsync(forged, "error", null));
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Complete(forged);
            await Assert.ThrowsAsync<LeaseLostException>(() => session.CommitAsync());
        }

        Assert.Equal(before, await ConformanceData.ListAllAsync(context, queue, context.TenantB));
        await context.Queue.CompleteAsync(leaseOfB);
    }

    /// <summary>Every audit-log method called for tenant A sees only A's records; each tenant has its own chain.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task AuditLogMethods_OtherTenantsRecords_NeverSeen()
    {
        await using var context = await StartAsync();
        foreach (var (tenant, count) in new[] { (context.TenantB, 3), (context.TenantA, 2) })
        {
            await using var session = context.OpenSession(tenant);
            for (var i = 0; i < count; i++)
            {
                session.Audit(ConformanceData.Event(tenant, context.Now, actor: $"{tenant}-{i}"));
            }

            await session.CommitAsync();
        }

        var chainA = await ConformanceData.ReadChainAsync(context, context.TenantA);
        var headA = await context.AuditLog.GetHeadAsync(context.TenantA);
        var queried = await context.AuditLog.QueryAsync(context.TenantA, new AuditQuery { Limit = 1000 });
        var byActorOfB = await context.AuditLog.QueryAsync(context.TenantA, new AuditQuery { ActorId = $"{context.TenantB}-0" });

        Assert.Equal(2, chainA.Count);
        ConformanceData.AssertValidChain(chainA, context.TenantA);
        ConformanceData.AssertValidChain(await ConformanceData.ReadChainAsync(context, context.TenantB), context.TenantB);
        Assert.Equal(2, headA.Sequence);
        Assert.All(queried.Items, r => Assert.Equal(context.TenantA, r.Event.TenantId));
        Assert.Equal(2, queried.Items.Count);
        Assert.Empty(byActorOfB.Items);
        Assert.Equal(3, (await context.AuditLog.GetHeadAsync(context.TenantB)).Sequence);
    }
}
