using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

public sealed class SqliteStorageBehaviorTests(SqliteFixture fixture) : StorageBehaviorTests<SqliteFixture>(fixture);

public sealed class PostgreSqlStorageBehaviorTests(PostgreSqlFixture fixture) : StorageBehaviorTests<PostgreSqlFixture>(fixture);

/// <summary>
/// What the provider itself guarantees on both databases: exact instants, typed conflicts, atomic commits, ordinal
/// ordering, keyset paging, the audit chain and leased claims. Each test uses tenants of its own.
/// </summary>
public abstract class StorageBehaviorTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    protected TFixture Fixture { get; } = fixture;

    [SkippableFact]
    public async Task Commit_InstantsWithTicksAndOffsets_RoundTripExactlyNormalised()
    {
        Fixture.Require();
        var clock = new FakeTimeProvider(Start.AddTicks(1234567));
        using var storage = Fixture.Create(clock);
        var tenant = Tenants.New();
        var at = new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(2)).AddTicks(9876543);
        var expected = StorageTime.Normalize(at);
        var itemId = Guid.NewGuid();
        await using (var session = storage.Sessions.OpenSession(tenant))
        {
            session.Insert(new Note("n1", tenant, At: at));
            session.Enqueue(new QueueItem { Id = itemId, TenantId = tenant, Queue = "review", DueAt = at, AvailableAt = at });
            session.Audit(Event(tenant, at));
            await session.CommitAsync();
        }

        var item = await storage.WorkQueue.GetAsync(tenant, itemId);
        Assert.Equal(expected, item!.DueAt);
        Assert.Equal(TimeSpan.Zero, item.DueAt.Offset);
        Assert.Equal(expected, item.AvailableAt);
        Assert.Equal(StorageTime.Normalize(clock.GetUtcNow()), item.CreatedAt);

        var record = await SingleAsync(storage.AuditLog.ReadChainAsync(tenant).Select(e => e.Record!));
        Assert.Equal(expected, record.Event.OccurredAt);
        Assert.Equal(TimeSpan.Zero, record.Event.OccurredAt.Offset);

        await using var reader = storage.Sessions.OpenSession(tenant);
        var exact = await reader.QueryAsync(DocumentQuery<Note>.All.WhereBetween("at", expected, expected.AddTicks(10)));
        Assert.Equal("n1", Assert.Single(exact.Items).Key);
        var before = await reader.QueryAsync(DocumentQuery<Note>.All.WhereBetween("at", null, expected));
        Assert.Empty(before.Items);
    }

    [SkippableFact]
    public async Task Commit_StaleVersion_ThrowsConflictWithVersionsAndWritesNothing()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        Note stored;
        await using (var session = storage.Sessions.OpenSession(tenant))
        {
            stored = session.Insert(new Note("case-1", tenant, Category: "a"));
            await session.CommitAsync();
        }

        await using (var first = storage.Sessions.OpenSession(tenant))
        {
            first.Update(stored with { Category = "b" });
            await first.CommitAsync();
        }

        var headBefore = await storage.AuditLog.GetHeadAsync(tenant);
        await using var stale = storage.Sessions.OpenSession(tenant);
        stale.Update(stored with { Category = "c" });
        stale.Audit(Event(tenant, Start));
        stale.Publish(OutboxMessage.Create("tests.changed", new { id = "case-1" }, "k-1"));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale.CommitAsync());

        Assert.Equal("Note", conflict.ResourceType);
        Assert.Equal("case-1", conflict.ResourceId);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal(RemedoraErrorCodes.ConcurrencyConflict, conflict.Code);
        Assert.Equal(headBefore.Sequence, (await storage.AuditLog.GetHeadAsync(tenant)).Sequence);
        Assert.Empty((await storage.WorkQueue.ListAsync(new QueueQuery { Queue = OutboxMessage.QueueName, TenantId = tenant })).Items);
        var current = await stale.FindAsync<Note>("case-1");
        Assert.Equal(("b", 2L), (current!.Category, current.Version));
    }

    [SkippableFact]
    public async Task Commit_InsertOfExistingKey_ThrowsConflictExpectingVersionZero()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        await using var session = storage.Sessions.OpenSession(tenant);
        session.Insert(new Note("dup", tenant));
        await session.CommitAsync();
        session.Insert(new Note("dup", tenant));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());

        Assert.Equal((0L, (long?)null), (conflict.ExpectedVersion, conflict.ActualVersion));
    }

    [SkippableFact]
    public async Task Commit_DeleteOfMissingDocument_ThrowsConflictWithoutActualVersion()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        await using var session = storage.Sessions.OpenSession(tenant);
        session.Delete(new Note("gone", tenant, Version: 3));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());

        Assert.Equal((3L, (long?)null), (conflict.ExpectedVersion, conflict.ActualVersion));
    }

    [SkippableTheory]
    [InlineData(CommitStep.Documents)]
    [InlineData(CommitStep.Audit)]
    [InlineData(CommitStep.Outbox)]
    public async Task Commit_FailureAfterStep_NothingOfTheUnitOfWorkIsVisible(CommitStep step)
    {
        Fixture.Require();
        var interceptor = new FailingInterceptor(step) { Armed = false };
        using var storage = Fixture.Create(interceptors: [interceptor]);
        var tenant = Tenants.New();
        Note existing;
        var leasedId = Guid.NewGuid();
        await using (var setup = storage.Sessions.OpenSession(tenant))
        {
            existing = setup.Insert(new Note("existing", tenant, Category: "before"));
            setup.Enqueue(new QueueItem { Id = leasedId, TenantId = tenant, Queue = "review", DueAt = Start, AvailableAt = Start });
            setup.Audit(Event(tenant, Start));
            await setup.CommitAsync();
        }

        var lease = Assert.Single(await storage.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = "review", TenantId = tenant, Owner = "dr-a", LeaseDuration = TimeSpan.FromMinutes(5) })).Lease;
        interceptor.Armed = true;
        var newItem = Guid.NewGuid();
        await using var session = storage.Sessions.OpenSession(tenant);
        session.Insert(new Note("new", tenant));
        session.Update(existing with { Category = "after" });
        session.Audit(Event(tenant, Start));
        session.Publish(OutboxMessage.Create("tests.changed", new { id = "new" }, "k-new"));
        session.Enqueue(new QueueItem { Id = newItem, TenantId = tenant, Queue = "review", DueAt = Start, AvailableAt = Start });
        session.Complete(lease);

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync());

        Assert.Null(await session.FindAsync<Note>("new"));
        Assert.Equal("before", (await session.FindAsync<Note>("existing"))!.Category);
        Assert.Equal(1, (await storage.AuditLog.GetHeadAsync(tenant)).Sequence);
        Assert.Null(await storage.WorkQueue.GetAsync(tenant, newItem));
        Assert.Empty((await storage.WorkQueue.ListAsync(new QueueQuery { Queue = OutboxMessage.QueueName, TenantId = tenant })).Items);
        Assert.Equal(QueueItemStatus.Leased, (await storage.WorkQueue.GetAsync(tenant, leasedId))!.Status);

        // The session is empty after the failed commit: committing again writes nothing.
        interceptor.Armed = false;
        await session.CommitAsync();
        Assert.Null(await session.FindAsync<Note>("new"));
    }

    [SkippableFact]
    public async Task Query_KeysAndTextIndexes_OrderOrdinally()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        string[] keys = ["b", "B", "a", "A", "_", "Z", "é", "0"];
        await using var session = storage.Sessions.OpenSession(tenant);
        foreach (var key in keys)
        {
            session.Insert(new Note(key, tenant, Category: key + "x"));
        }

        await session.CommitAsync();
        var ordinal = keys.Order(StringComparer.Ordinal).ToList();

        var byKey = await session.QueryAsync(DocumentQuery<Note>.All);
        var byCategory = await session.QueryAsync(DocumentQuery<Note>.All.OrderBy("category"));
        var byCategoryDescending = await session.QueryAsync(DocumentQuery<Note>.All.OrderBy("category", descending: true));

        Assert.Equal(ordinal, byKey.Items.Select(n => n.Key));
        Assert.Equal(ordinal, byCategory.Items.Select(n => n.Key));
        Assert.Equal(ordinal.AsEnumerable().Reverse(), byCategoryDescending.Items.Select(n => n.Key));
    }

    [SkippableFact]
    public async Task Query_PagesWithContinuationTokens_ReturnEveryMatchOnceInOrder()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var notes = new List<Note>();
        await using var session = storage.Sessions.OpenSession(tenant);
        for (var i = 0; i < 25; i++)
        {
            // Every third note shares its instant with the previous one (ties are broken by key); every fifth has none.
            DateTimeOffset? at = i % 5 == 4 ? null : Start.AddMinutes(i - (i % 3 == 2 ? 1 : 0));
            notes.Add(session.Insert(new Note($"note-{i:00}", tenant, Rank: i, At: at)));
        }

        await session.CommitAsync();
        var expected = notes.Where(n => n.At is not null)
            .OrderByDescending(n => n.At)
            .ThenByDescending(n => n.Key, StringComparer.Ordinal)
            .Select(n => n.Key)
            .ToList();

        var seen = new List<string>();
        var query = DocumentQuery<Note>.All.OrderBy("at", descending: true).Take(7);
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token));
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items.Select(n => n.Key));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [SkippableFact]
    public async Task Query_Conditions_FilterAndCount()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var other = Tenants.New();
        await using (var session = storage.Sessions.OpenSession(other))
        {
            session.Insert(new Note("n0", other, Category: "red", Rank: 1));
            await session.CommitAsync();
        }

        await using var mine = storage.Sessions.OpenSession(tenant);
        mine.Insert(new Note("n1", tenant, Category: "red", Rank: 1, Secret: "s1"));
        mine.Insert(new Note("n2", tenant, Category: "red", Rank: 5));
        mine.Insert(new Note("n3", tenant, Category: "blue", Rank: 9));
        mine.Insert(new Note("n4", tenant, Rank: 3));
        await mine.CommitAsync();

        var red = await mine.QueryAsync(DocumentQuery<Note>.All.Where("category", "red"));
        var uncategorised = await mine.QueryAsync(DocumentQuery<Note>.All.Where("category", null));
        var ranked = await mine.QueryAsync(DocumentQuery<Note>.All.WhereBetween("rank", 3, 9).OrderBy("rank"));
        var secret = await mine.QueryAsync(DocumentQuery<Note>.All.Where("secret", "s1"));

        Assert.Equal(["n1", "n2"], red.Items.Select(n => n.Key));
        Assert.Equal(["n4"], uncategorised.Items.Select(n => n.Key));
        Assert.Equal(["n4", "n2"], ranked.Items.Select(n => n.Key));
        Assert.Equal(["n1"], secret.Items.Select(n => n.Key));
        Assert.Equal(2, await mine.CountAsync(DocumentQuery<Note>.All.Where("category", "red")));
        Assert.Equal(4, await mine.CountAsync(DocumentQuery<Note>.All));
        await Assert.ThrowsAsync<ArgumentException>(() => mine.QueryAsync(DocumentQuery<Note>.All.WhereBetween("secret", "a", "z")));
        await Assert.ThrowsAsync<ArgumentException>(() => mine.QueryAsync(DocumentQuery<Note>.All.Where("nope", 1)));
    }

    [SkippableFact]
    public async Task Session_DocumentOfAnotherTenant_ThrowsAtOnce()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var other = Tenants.New();
        await using var session = storage.Sessions.OpenSession(tenant);

        var ex = Assert.Throws<TenantMismatchException>(() => session.Insert(new Note("x", other)));
        Assert.Throws<TenantMismatchException>(() => session.Audit(Event(other, Start)));
        Assert.Throws<TenantMismatchException>(() => session.Enqueue(new QueueItem { Id = Guid.NewGuid(), TenantId = other, Queue = "q", DueAt = Start, AvailableAt = Start }));

        Assert.Equal((tenant, other), (ex.ExpectedTenant, ex.ActualTenant));
    }

    [SkippableFact]
    public async Task AuditLog_AppendedRecords_VerifyFromWhatIsStored()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var patient = Id<Patient>.New();
        var events = new List<AuditEvent>
        {
            Event(tenant, Start.AddTicks(5)) with
            {
                PatientId = patient,
                PurposeOfUse = PurposeOfUse.Treatment,
                Source = new RequestSource("portal", "10.1.2.3", "ios"),
                CorrelationId = "corr-1",
                BreakGlassReason = "unconscious patient",
                Detail = "basis:care-team",
            },
            Event(tenant, Start.AddMinutes(1)) with { Action = AuditAction.Disclose, PatientId = patient, Disclosure = new Disclosure("pharmacy", "treatment", "prescription") },
            Event(tenant, Start.AddMinutes(2)) with { ActorId = "dr-b", Outcome = AuditOutcome.Denied, Source = new RequestSource("console") },
        };
        foreach (var batch in new[] { events.Take(1), events.Skip(1) })
        {
            await using var session = storage.Sessions.OpenSession(tenant);
            foreach (var e in batch)
            {
                session.Audit(e);
            }

            await session.CommitAsync();
        }

        var chain = await ToListAsync(storage.AuditLog.ReadChainAsync(tenant).Select(e => e.Record!));
        Assert.Equal([1L, 2L, 3L], chain.Select(r => r.Sequence));
        var previous = AuditChain.GenesisHash.ToArray();
        for (var i = 0; i < chain.Count; i++)
        {
            var record = chain[i];
            Assert.Equal(AuditChain.Normalize(events[i]), record.Event);
            Assert.Equal(previous, record.PreviousHash.ToArray());
            Assert.Equal(AuditChain.ComputeHash(previous, AuditChain.GetCanonicalBytes(record.Sequence, record.Event)), record.Hash.ToArray());
            previous = record.Hash.ToArray();
        }

        var head = await storage.AuditLog.GetHeadAsync(tenant);
        Assert.Equal(3, head.Sequence);
        Assert.Equal(previous, head.Hash.ToArray());
        Assert.Contains(tenant, await storage.AuditLog.ListTenantsAsync());
        Assert.Equal([2L, 1L], (await storage.AuditLog.QueryAsync(tenant, new AuditQuery { PatientId = patient })).Items.Select(r => r.Sequence));
        Assert.Equal([3L], (await storage.AuditLog.QueryAsync(tenant, new AuditQuery { ActorId = "dr-b" })).Items.Select(r => r.Sequence));
        Assert.Equal([2L], (await storage.AuditLog.QueryAsync(tenant, new AuditQuery { Action = AuditAction.Disclose })).Items.Select(r => r.Sequence));
        Assert.Equal([3L], (await storage.AuditLog.QueryAsync(tenant, new AuditQuery { Outcome = AuditOutcome.Denied })).Items.Select(r => r.Sequence));
        Assert.Equal([2L], (await storage.AuditLog.QueryAsync(tenant, new AuditQuery { From = Start.AddMinutes(1), To = Start.AddMinutes(2) })).Items.Select(r => r.Sequence));
        var first = await storage.AuditLog.QueryAsync(tenant, new AuditQuery { Limit = 2 });
        var second = await storage.AuditLog.QueryAsync(tenant, new AuditQuery { Limit = 2, ContinuationToken = first.ContinuationToken });
        Assert.Equal([3L, 2L, 1L], first.Items.Concat(second.Items).Select(r => r.Sequence));
        Assert.Null(second.ContinuationToken);
        Assert.Equal([2L, 3L], (await ToListAsync(storage.AuditLog.ReadChainAsync(tenant, fromSequence: 2).Select(e => e.Record!))).Select(r => r.Sequence));
    }

    [SkippableFact]
    public async Task ClaimNext_EightWorkersDrainingTheQueue_ClaimEveryItemExactlyOnce()
    {
        Fixture.Require();
        using var storage = Fixture.Create(TimeProvider.System);
        var tenant = Tenants.New();
        const int Items = 400;
        await EnqueueAsync(storage, tenant, Items, i => new QueueItem { Id = Guid.NewGuid(), TenantId = tenant, Queue = "drain", Priority = i % 3, DueAt = Start.AddSeconds(i), AvailableAt = Start });
        var claimed = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await storage.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = "drain", TenantId = tenant, Owner = $"w{w}", LeaseDuration = TimeSpan.FromMinutes(5), MaxItems = 3 });
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var item in batch)
                {
                    claimed.Add(item.Item.Id);
                    await storage.WorkQueue.CompleteAsync(item.Lease);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Items, claimed.Count);
        Assert.Equal(Items, claimed.Distinct().Count());
        var statistics = await storage.WorkQueue.GetStatisticsAsync("drain", tenant);
        Assert.Equal((0L, 0L), (statistics.Ready, statistics.Leased));
    }

    [SkippableFact]
    public async Task Claim_SixteenThreadsOnOneItem_ExactlyOneWins()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var id = Guid.NewGuid();
        await EnqueueAsync(storage, tenant, 1, _ => new QueueItem { Id = id, TenantId = tenant, Queue = "one", DueAt = Start, AvailableAt = Start });
        using var gate = new Barrier(16);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            gate.SignalAndWait();
            return storage.WorkQueue.ClaimAsync(tenant, id, $"dr-{i}", TimeSpan.FromMinutes(5));
        })));

        Assert.Single(outcomes, o => o.Status == ClaimStatus.Claimed);
        Assert.Equal(15, outcomes.Count(o => o.Status == ClaimStatus.AlreadyClaimed));
    }

    [SkippableFact]
    public async Task ClaimNext_OrderAndRouting_TakesHighestPriorityThenEarliestDueThenId()
    {
        Fixture.Require();
        using var storage = Fixture.Create();
        var tenant = Tenants.New();
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).Order(Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))).ToArray();
        var items = new[]
        {
            new QueueItem { Id = ids[5], TenantId = tenant, Queue = "review", Priority = 1, DueAt = Start.AddHours(1), AvailableAt = Start },
            new QueueItem { Id = ids[4], TenantId = tenant, Queue = "review", Priority = 1, DueAt = Start, AvailableAt = Start },
            new QueueItem { Id = ids[0], TenantId = tenant, Queue = "review", Priority = 0, DueAt = Start, AvailableAt = Start },
            new QueueItem { Id = ids[3], TenantId = tenant, Queue = "review", Priority = 1, DueAt = Start, AvailableAt = Start, Jurisdiction = "US-CA" },
            new QueueItem { Id = ids[1], TenantId = tenant, Queue = "review", Priority = 9, DueAt = Start, AvailableAt = Start.AddHours(1) },
            new QueueItem { Id = ids[2], TenantId = tenant, Queue = "review", Priority = 9, DueAt = Start, AvailableAt = Start, AssignedTo = "dr-x" },
        };
        await EnqueueAsync(storage, tenant, items.Length, i => items[i]);

        var request = new ClaimRequest { Queue = "review", TenantId = tenant, Owner = "dr-a", LeaseDuration = TimeSpan.FromMinutes(5), MaxItems = 10, Jurisdictions = ["US-NY"] };
        var claimed = await storage.WorkQueue.ClaimNextAsync(request);

        // Not yet available, assigned to someone else and out of jurisdiction are left; ties on priority go to the earliest due, then the id.
        Assert.Equal([ids[4], ids[5], ids[0]], claimed.Select(c => c.Item.Id));
        Assert.All(claimed, c => Assert.Equal((QueueItemStatus.Leased, 1, "dr-a"), (c.Item.Status, c.Lease.Attempt, c.Item.LeaseOwner)));
        var californian = await storage.WorkQueue.ClaimNextAsync(request with { Owner = "dr-x", Jurisdictions = ["US-CA"] });
        Assert.Equal([ids[2], ids[3]], californian.Select(c => c.Item.Id));
    }

    [SkippableFact]
    public async Task Lease_ExpiresWithTheClock_ItemIsClaimableAgainAndTheOldLeaseIsLost()
    {
        Fixture.Require();
        var clock = new FakeTimeProvider(Start);
        using var storage = Fixture.Create(clock);
        var tenant = Tenants.New();
        var id = Guid.NewGuid();
        await EnqueueAsync(storage, tenant, 1, _ => new QueueItem { Id = id, TenantId = tenant, Queue = "leases", DueAt = Start, AvailableAt = Start });
        var request = new ClaimRequest { Queue = "leases", TenantId = tenant, Owner = "w1", LeaseDuration = TimeSpan.FromMinutes(1) };
        var first = Assert.Single(await storage.WorkQueue.ClaimNextAsync(request)).Lease;
        Assert.Empty(await storage.WorkQueue.ClaimNextAsync(request with { Owner = "w2" }));

        clock.Advance(TimeSpan.FromSeconds(59));
        var renewed = await storage.WorkQueue.RenewAsync(first, TimeSpan.FromMinutes(1));
        Assert.Equal(clock.GetUtcNow().AddMinutes(1), renewed.ExpiresAt);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await storage.WorkQueue.GetStatisticsAsync("leases", tenant)).Expired);
        var second = Assert.Single(await storage.WorkQueue.ClaimNextAsync(request with { Owner = "w2" })).Lease;

        Assert.Equal(2, second.Attempt);
        await Assert.ThrowsAsync<LeaseLostException>(() => storage.WorkQueue.CompleteAsync(renewed));
        await storage.WorkQueue.CompleteAsync(second);
        var done = await storage.WorkQueue.GetAsync(tenant, id);
        Assert.Equal((QueueItemStatus.Completed, clock.GetUtcNow(), "w2"), (done!.Status, done.FinishedAt!.Value, done.LeaseOwner));
    }

    [SkippableFact]
    public async Task Claim_OneItem_ReportsEveryOutcome()
    {
        Fixture.Require();
        var clock = new FakeTimeProvider(Start);
        using var storage = Fixture.Create(clock);
        var tenant = Tenants.New();
        var ready = Guid.NewGuid();
        var later = Guid.NewGuid();
        var assigned = Guid.NewGuid();
        await EnqueueAsync(storage, tenant, 3, i => new QueueItem
        {
            Id = new[] { ready, later, assigned }[i],
            TenantId = tenant,
            Queue = "one",
            DueAt = Start,
            AvailableAt = i == 1 ? Start.AddHours(1) : Start,
            AssignedTo = i == 2 ? "dr-b" : null,
        });

        Assert.Equal(ClaimStatus.NotFound, (await storage.WorkQueue.ClaimAsync(tenant, Guid.NewGuid(), "dr-a", TimeSpan.FromMinutes(1))).Status);
        Assert.Equal(ClaimStatus.NotFound, (await storage.WorkQueue.ClaimAsync(Tenants.New(), ready, "dr-a", TimeSpan.FromMinutes(1))).Status);
        var claimed = await storage.WorkQueue.ClaimAsync(tenant, ready, "dr-a", TimeSpan.FromMinutes(1));
        Assert.Equal(ClaimStatus.Claimed, claimed.Status);
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await storage.WorkQueue.ClaimAsync(tenant, ready, "dr-b", TimeSpan.FromMinutes(1))).Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await storage.WorkQueue.ClaimAsync(tenant, later, "dr-a", TimeSpan.FromMinutes(1))).Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await storage.WorkQueue.ClaimAsync(tenant, assigned, "dr-a", TimeSpan.FromMinutes(1))).Status);
        Assert.Equal(ClaimStatus.Claimed, (await storage.WorkQueue.ClaimAsync(tenant, assigned, "dr-b", TimeSpan.FromMinutes(1))).Status);
        await storage.WorkQueue.CompleteAsync(claimed.Item!.Lease);
        Assert.Equal(ClaimStatus.NotClaimable, (await storage.WorkQueue.ClaimAsync(tenant, ready, "dr-a", TimeSpan.FromMinutes(1))).Status);
    }

    [SkippableFact]
    public async Task Queue_FailRequeueCancelAssignRelease_FollowTheRules()
    {
        Fixture.Require();
        var clock = new FakeTimeProvider(Start);
        using var storage = Fixture.Create(clock);
        var tenant = Tenants.New();
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        await EnqueueAsync(storage, tenant, 3, i => new QueueItem { Id = ids[i], TenantId = tenant, Queue = "ops", DueAt = Start.AddMinutes(-1), AvailableAt = Start, MessageType = "t", Payload = "{}", IdempotencyKey = $"k{i}" });
        var queue = storage.WorkQueue;
        var lease = (await queue.ClaimAsync(tenant, ids[0], "w1", TimeSpan.FromMinutes(1))).Item!.Lease;

        await queue.FailAsync(lease, "TimeoutException", Start.AddMinutes(10));
        var retried = await queue.GetAsync(tenant, ids[0]);
        Assert.Equal((QueueItemStatus.Ready, Start.AddMinutes(10), "TimeoutException"), (retried!.Status, retried.AvailableAt, retried.LastError));
        await Assert.ThrowsAsync<LeaseLostException>(() => queue.FailAsync(lease, "again", null));

        clock.Advance(TimeSpan.FromMinutes(10));
        lease = (await queue.ClaimAsync(tenant, ids[0], "w1", TimeSpan.FromMinutes(1))).Item!.Lease;
        await queue.FailAsync(lease, "TimeoutException", null);
        Assert.Equal(QueueItemStatus.DeadLettered, (await queue.GetAsync(tenant, ids[0]))!.Status);
        Assert.Equal(1, (await queue.GetStatisticsAsync("ops", tenant)).DeadLettered);
        Assert.True(await queue.RequeueAsync(tenant, ids[0]));
        var replayed = await queue.GetAsync(tenant, ids[0]);
        Assert.Equal((QueueItemStatus.Ready, 0), (replayed!.Status, replayed.Attempts));
        Assert.False(await queue.RequeueAsync(tenant, ids[0]));

        Assert.True(await queue.CancelAsync(tenant, ids[1]));
        Assert.False(await queue.CancelAsync(tenant, ids[1]));
        Assert.Equal(QueueItemStatus.Cancelled, (await queue.GetAsync(tenant, ids[1]))!.Status);

        var held = (await queue.ClaimAsync(tenant, ids[2], "w1", TimeSpan.FromMinutes(1))).Item!.Lease;
        Assert.True(await queue.AssignAsync(tenant, ids[2], "w2"));
        await Assert.ThrowsAsync<LeaseLostException>(() => queue.ReleaseAsync(held));
        Assert.Equal(ClaimStatus.NotClaimable, (await queue.ClaimAsync(tenant, ids[2], "w1", TimeSpan.FromMinutes(1))).Status);
        var assigned = (await queue.ClaimAsync(tenant, ids[2], "w2", TimeSpan.FromMinutes(1))).Item!.Lease;
        await queue.ReleaseAsync(assigned, Start.AddHours(1));
        Assert.Equal((QueueItemStatus.Ready, Start.AddHours(1)), ((await queue.GetAsync(tenant, ids[2]))!.Status, (await queue.GetAsync(tenant, ids[2]))!.AvailableAt));

        var statistics = await queue.GetStatisticsAsync("ops", tenant);
        Assert.Equal(2, statistics.Ready);
        Assert.Equal(2, statistics.Overdue);
        Assert.Equal(2, statistics.UnfinishedByPriority[0]);
        Assert.Equal(Start.AddMinutes(10), statistics.OldestClaimableSince);
    }

    [SkippableFact]
    public async Task List_PagesOldestFirst_AndFiltersByStatusAndOwner()
    {
        Fixture.Require();
        var clock = new FakeTimeProvider(Start);
        using var storage = Fixture.Create(clock);
        var tenant = Tenants.New();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await EnqueueAsync(storage, tenant, 1, _ => new QueueItem { Id = id, TenantId = tenant, Queue = "list", DueAt = Start, AvailableAt = Start });
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await storage.WorkQueue.ClaimAsync(tenant, ids[3], "w9", TimeSpan.FromMinutes(1));
        var seen = new List<Guid>();
        string? token = null;
        do
        {
            var page = await storage.WorkQueue.ListAsync(new QueueQuery { Queue = "list", TenantId = tenant, Limit = 2, ContinuationToken = token });
            seen.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(ids, seen);
        Assert.Equal([ids[3]], (await storage.WorkQueue.ListAsync(new QueueQuery { Queue = "list", TenantId = tenant, LeaseOwner = "w9" })).Items.Select(i => i.Id));
        Assert.Equal(4, (await storage.WorkQueue.ListAsync(new QueueQuery { Queue = "list", TenantId = tenant, Status = QueueItemStatus.Ready })).Items.Count);
    }

    protected static AuditEvent Event(TenantId tenant, DateTimeOffset at) => new()
    {
        OccurredAt = at,
        TenantId = tenant,
        ActorId = "dr-a",
        ActorRole = ActorRole.Clinician,
        Action = AuditAction.Update,
        ResourceType = "Note",
        ResourceId = "n1",
        Outcome = AuditOutcome.Success,
    };

    protected static async Task EnqueueAsync(EntityFrameworkCoreStorage storage, TenantId tenant, int count, Func<int, QueueItem> item)
    {
        await using var session = storage.Sessions.OpenSession(tenant);
        for (var i = 0; i < count; i++)
        {
            session.Enqueue(item(i));
        }

        await session.CommitAsync();
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<T> SingleAsync<T>(IAsyncEnumerable<T> source) => Assert.Single(await ToListAsync(source));
}
