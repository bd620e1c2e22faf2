using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// Declared indexes on every provider: composite equality, ranges, ordering and paging; unique constraints within the
/// tenant that the store guarantees (a violation is a typed conflict at commit that names the constraint and rolls the
/// whole unit of work back), values freed by update and delete, and 16 concurrent sessions of which exactly one wins.
/// </summary>
public abstract class DeclaredIndexConformanceTests : StorageConformanceTestBase
{
    /// <summary>A composite index answers equality on its first field, on both fields, and equality plus a range, ordered field by field.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_CompositeIndex_EqualityRangeAndOrder()
    {
        await using var context = await StartAsync();
        var index = ConformanceCollections.CategoryRank;
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "a1", "a", 30),
            ConformanceData.Document(context.TenantA, "a2", "a", 10),
            ConformanceData.Document(context.TenantA, "a3", "a", 20),
            ConformanceData.Document(context.TenantA, "a4", "a", null),
            ConformanceData.Document(context.TenantA, "b1", "b", 15),
            ConformanceData.Document(context.TenantA, "ab", "ab", 5));
        await ConformanceData.InsertAsync(context, context.TenantB, ConformanceData.Document(context.TenantB, "a9", "a", 10));
        await using var session = context.OpenSession(context.TenantA);

        async Task<string[]> Keys(DocumentQuery<ConformanceDocument> query) => (await session.QueryAsync(query)).Items.Select(d => d.Key).ToArray();

        Assert.Equal(["a1", "a2", "a3", "a4"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a")));
        Assert.Equal(["a2", "a3", "a1"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a").OrderBy(index)));
        Assert.Equal(["a1", "a3", "a2"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a").OrderBy(index, descending: true)));
        Assert.Equal(["a2"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a", 10L)));
        Assert.Equal(["a4"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a", null)));
        Assert.Equal(["a3", "a1"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween(index, "a", 11L, null).OrderBy(index)));
        Assert.Equal(["a2", "a3"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween(index, "a", null, 30L).OrderBy(index)));
        Assert.Equal(["a3"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween(index, "a", 20L, 30L)));
        Assert.Equal(["a2", "a3", "a1", "ab", "b1"], await Keys(DocumentQuery<ConformanceDocument>.All.OrderBy(index)));
        Assert.Equal(["a3"], await Keys(DocumentQuery<ConformanceDocument>.All.Where(index, "a").Where("rank", 20L)));
        Assert.Equal(3, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.WhereBetween(index, "a", 0L, null)));
        Assert.Equal(["b1"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("category-rank", "b")));
    }

    /// <summary>Paging a composite order visits every document once, across equal first fields and equal values.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_CompositeOrder_PagesAcrossCompositeKeys()
    {
        await using var context = await StartAsync();
        var index = ConformanceCollections.CategoryRank;
        var documents = Enumerable.Range(0, 23).Select(i => ConformanceData.Document(context.TenantA, $"doc-{i:D2}", "c" + (i % 3), i % 4)).ToArray();
        await ConformanceData.InsertAsync(context, context.TenantA, documents);
        var expected = documents.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Rank).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).ToArray();
        await using var session = context.OpenSession(context.TenantA);

        foreach (var descending in new[] { false, true })
        {
            var seen = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                var page = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy(index, descending).Take(4).After(token));
                seen.AddRange(page.Items.Select(d => d.Key));
                token = page.ContinuationToken;
                pages++;
            }
            while (token is not null);

            Assert.Equal(descending ? expected.Reverse() : expected, seen);
            Assert.Equal(6, pages);
        }
    }

    /// <summary>A unique value may exist once per tenant: the same value in another tenant commits, a second in the same tenant conflicts.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_UniqueValueTwiceInATenant_ConflictsNamingTheConstraint()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1") with { Code = "SECRET-CODE-1" });
        await ConformanceData.InsertAsync(context, context.TenantB, ConformanceData.Document(context.TenantB, "doc-1") with { Code = "SECRET-CODE-1" });
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-2") with { Code = "SECRET-CODE-1" });

        var conflict = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => session.CommitAsync());

        Assert.Equal(("conformance.documents", "code", "ConformanceDocument"), (conflict.Collection, conflict.Constraint, conflict.ResourceType));
        Assert.Equal(StorageErrorCodes.UniqueConstraintViolation, conflict.Code);
        Assert.DoesNotContain("SECRET-CODE-1", conflict.Message, StringComparison.Ordinal);
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-2"));
        Assert.Equal(["doc-1"], (await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, "SECRET-CODE-1"))).Items.Select(d => d.Key));
        await using var other = context.OpenSession(context.TenantB);
        Assert.Equal(1, await other.CountAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, "SECRET-CODE-1")));
    }

    /// <summary>Documents without a value in a unique index, or with a null field of a unique composite index, are not constrained.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_UniqueIndexWithNullFields_DoesNotConstrain()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "doc-1", "x"),
            ConformanceData.Document(context.TenantA, "doc-2", "x"),
            ConformanceData.Document(context.TenantA, "doc-3", "x") with { Slot = "09:00" },
            ConformanceData.Document(context.TenantA, "doc-4", "y") with { Slot = "09:00" });
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-5", "x") with { Slot = "09:00" });

        var conflict = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => session.CommitAsync());

        Assert.Equal("category-slot", conflict.Constraint);
        Assert.Equal(4, await session.CountAsync(DocumentQuery<ConformanceDocument>.All));
    }

    /// <summary>An update that changes a unique value frees the old one; a delete frees its value; two documents can swap values in one commit.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_UpdateAndDelete_FreeUniqueValues()
    {
        await using var context = await StartAsync();
        var stored = await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "doc-1") with { Code = "one" },
            ConformanceData.Document(context.TenantA, "doc-2") with { Code = "two" });
        var (first, second) = (stored[0], stored[1]);

        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Update(first with { Code = "uno" });
            await session.CommitAsync();
        }

        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-3") with { Code = "one" });
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Delete(second);
            await session.CommitAsync();
        }

        var fourth = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-4") with { Code = "two" }))[0];
        await using (var session = context.OpenSession(context.TenantA))
        {
            var third = (await session.FindAsync<ConformanceDocument>("doc-3"))!;
            session.Update(third with { Code = "two" });
            session.Update(fourth with { Code = "one" });
            await session.CommitAsync();
        }

        await using var reader = context.OpenSession(context.TenantA);
        async Task<string[]> Keys(string code) => (await reader.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, code))).Items.Select(d => d.Key).ToArray();
        Assert.Equal(["doc-1"], await Keys("uno"));
        Assert.Equal(["doc-4"], await Keys("one"));
        Assert.Equal(["doc-3"], await Keys("two"));
    }

    /// <summary>A unique violation rolls the whole unit of work back: its other documents, audit records, queue items and outbox messages.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_UniqueViolation_RollsBackTheWholeSession()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1") with { Code = "taken" });
        var queue = StorageTestContext.NewQueueName();
        var item = ConformanceData.Item(context.TenantA, queue, context.Now);
        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-0") with { Code = "free" });
        session.Insert(ConformanceData.Document(context.TenantA, "doc-2") with { Code = "taken" });
        session.Insert(ConformanceData.Document(context.TenantA, "doc-3"));
        session.Audit(ConformanceData.Event(context.TenantA, context.Now));
        session.Enqueue(item);
        session.Publish(OutboxMessage.Create("conformance.happened", 1, "key-unique"));

        var conflict = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => session.CommitAsync());

        Assert.Equal("code", conflict.Constraint);
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-0"));
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-2"));
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-3"));
        Assert.Equal(0, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, "free")));
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
        Assert.Null(await context.Queue.GetAsync(context.TenantA, item.Id));
        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA));

        session.Insert(ConformanceData.Document(context.TenantA, "doc-0") with { Code = "free" });
        await session.CommitAsync();
        Assert.Equal(1, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, "free")));
    }

    /// <summary>16 sessions on 16 threads insert documents with one unique value at once: exactly one commits, the others get the typed conflict.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_SixteenConcurrentSessionsOneUniqueValue_ExactlyOneCommits()
    {
        const int Sessions = 16;
        await using var context = await StartAsync();
        using var start = new Barrier(Sessions);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return TryInsertAsync(i).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(1, outcomes.Count(o => o == "committed"));
        Assert.Equal(Sessions - 1, outcomes.Count(o => o == "code"));
        await using var reader = context.OpenSession(context.TenantA);
        Assert.Equal(1, await reader.CountAsync(DocumentQuery<ConformanceDocument>.All));
        Assert.Equal(1, await reader.CountAsync(DocumentQuery<ConformanceDocument>.All.Where(ConformanceCollections.Code, "contended")));

        async Task<string> TryInsertAsync(int i)
        {
            await using var session = context.OpenSession(context.TenantA);
            session.Insert(ConformanceData.Document(context.TenantA, $"doc-{i:D2}") with { Code = "contended" });
            try
            {
                await session.CommitAsync();
                return "committed";
            }
            catch (UniqueConstraintViolationException ex)
            {
                return ex.Constraint;
            }
        }
    }
}
