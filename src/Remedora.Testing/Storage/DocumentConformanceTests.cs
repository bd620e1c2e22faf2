using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// The document rules every provider follows: versions on insert, update and delete; typed conflicts; queries on
/// every kind of index field; ordering; keyset paging; null handling; protected indexes; the codec.
/// </summary>
public abstract class DocumentConformanceTests : StorageConformanceTestBase
{
    /// <summary>Insert stores a new document at version 1 and a read returns every field.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Insert_NewDocument_StoredAtVersionOne()
    {
        await using var context = await StartAsync();
        var document = ConformanceData.Document(context.TenantA, "doc-1", "alpha", 7) with
        {
            PatientId = Id<Patient>.New(),
            Secret = "s3cret",
            State = ConformanceState.Closed,
            Score = 3,
            At = StartTime,
            Until = StartTime.AddDays(1),
        };

        var stored = (await ConformanceData.InsertAsync(context, context.TenantA, document))[0];

        Assert.Equal(1, stored.Version);
        await using var session = context.OpenSession(context.TenantA);
        var read = await session.FindAsync<ConformanceDocument>("doc-1");
        Assert.Equal(document with { Version = 1 }, read);
    }

    /// <summary>A document passed to Insert must be at version 0.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Insert_NonZeroVersion_ThrowsArgumentException()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);

        Assert.Throws<ArgumentException>(() => session.Insert(ConformanceData.Document(context.TenantA, "doc-1") with { Version = 3 }));
    }

    /// <summary>Inserting a key that exists conflicts with expected version 0 and no actual version, and writes nothing of the unit of work.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Insert_ExistingKey_ConflictsAndWritesNothing()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1"));

        await using var session = context.OpenSession(context.TenantA);
        session.Insert(ConformanceData.Document(context.TenantA, "doc-2"));
        session.Insert(ConformanceData.Document(context.TenantA, "doc-1", "again"));
        session.Audit(ConformanceData.Event(context.TenantA, context.Now));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());

        Assert.Equal("ConformanceDocument", conflict.ResourceType);
        Assert.Equal("doc-1", conflict.ResourceId);
        Assert.Equal(0, conflict.ExpectedVersion);
        Assert.Null(conflict.ActualVersion);
        Assert.Equal(RemedoraErrorCodes.ConcurrencyConflict, conflict.Code);
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-2"));
        Assert.Null((await session.FindAsync<ConformanceDocument>("doc-1"))!.Category);
        Assert.Equal(0, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
    }

    /// <summary>Each update at the stored version stores the next version.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_AtStoredVersion_StoresNextVersion()
    {
        await using var context = await StartAsync();
        var current = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1")))[0];

        for (var expected = 2; expected <= 4; expected++)
        {
            await using var session = context.OpenSession(context.TenantA);
            var staged = session.Update(current with { Category = $"v{expected}" });
            Assert.Equal(expected, staged.Version);
            await session.CommitAsync();
            current = (await session.FindAsync<ConformanceDocument>("doc-1"))!;
            Assert.Equal(staged, current);
        }
    }

    /// <summary>An update based on an older version conflicts, naming the record and both versions.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_StaleVersion_ConflictsWithBothVersions()
    {
        await using var context = await StartAsync();
        var v1 = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1")))[0];
        await using (var first = context.OpenSession(context.TenantA))
        {
            first.Update(v1 with { Category = "first" });
            await first.CommitAsync();
        }

        await using var second = context.OpenSession(context.TenantA);
        second.Update(v1 with { Category = "second" });
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.CommitAsync());

        Assert.Equal(("ConformanceDocument", "doc-1", 1L, (long?)2), (conflict.ResourceType, conflict.ResourceId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal("first", (await second.FindAsync<ConformanceDocument>("doc-1"))!.Category);
    }

    /// <summary>Updating a document that does not exist conflicts with no actual version.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_MissingDocument_ConflictsWithNullActualVersion()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        session.Update(ConformanceData.Document(context.TenantA, "missing") with { Version = 1 });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());

        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Null(conflict.ActualVersion);
        Assert.Null(await session.FindAsync<ConformanceDocument>("missing"));
    }

    /// <summary>Delete at the stored version removes the document; a stale or repeated delete conflicts.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Delete_AtStoredVersion_RemovesDocumentAndStaleDeleteConflicts()
    {
        await using var context = await StartAsync();
        var v1 = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1")))[0];
        ConformanceDocument v2;
        await using (var update = context.OpenSession(context.TenantA))
        {
            v2 = update.Update(v1 with { Category = "changed" });
            await update.CommitAsync();
        }

        await using var session = context.OpenSession(context.TenantA);
        session.Delete(v1);
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());
        Assert.Equal((1L, (long?)2), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.NotNull(await session.FindAsync<ConformanceDocument>("doc-1"));

        session.Delete(v2);
        await session.CommitAsync();
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-1"));

        session.Delete(v2);
        var gone = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => session.CommitAsync());
        Assert.Equal((2L, (long?)null), (gone.ExpectedVersion, gone.ActualVersion));
    }

    /// <summary>Writes staged on one document in one session apply in staging order.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_InsertThenUpdateInOneSession_AppliesInOrder()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);
        var inserted = session.Insert(ConformanceData.Document(context.TenantA, "doc-1"));
        var updated = session.Update(inserted with { Category = "updated" });
        await session.CommitAsync();

        Assert.Equal(2, updated.Version);
        Assert.Equal(updated, await session.FindAsync<ConformanceDocument>("doc-1"));
    }

    /// <summary>
    /// Two sessions on real threads update one document at the same version, again and again: in every round exactly
    /// one commits and the other gets a conflict naming the record, the version it read and the version it found.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Update_ConcurrentAtSameVersion_OneCommitsOneConflicts()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1"));
        const int Rounds = 20;

        for (var round = 1; round <= Rounds; round++)
        {
            await using var reader = context.OpenSession(context.TenantA);
            var read = (await reader.FindAsync<ConformanceDocument>("doc-1"))!;
            var results = await ConformanceData.RunOnThreadsAsync(2, i =>
            {
                var session = context.OpenSession(context.TenantA);
                session.Update(read with { Category = $"writer-{i}" });
                try
                {
                    session.CommitAsync().GetAwaiter().GetResult();
                    return (ConcurrencyConflictException?)null;
                }
                catch (ConcurrencyConflictException conflict)
                {
                    return conflict;
                }
                finally
                {
                    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            });

            Assert.Single(results, r => r is null);
            var conflict = Assert.Single(results, r => r is not null)!;
            Assert.Equal(("ConformanceDocument", "doc-1", read.Version, (long?)(read.Version + 1)), (conflict.ResourceType, conflict.ResourceId, conflict.ExpectedVersion, conflict.ActualVersion));
        }

        await using var check = context.OpenSession(context.TenantA);
        Assert.Equal(1 + Rounds, (await check.FindAsync<ConformanceDocument>("doc-1"))!.Version);
    }

    /// <summary>Reads decode the stored form: each read returns a new copy.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Find_Twice_ReturnsEqualCopies()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Document(context.TenantA, "doc-1"));
        await using var session = context.OpenSession(context.TenantA);

        var first = await session.FindAsync<ConformanceDocument>("doc-1");
        var second = await session.FindAsync<ConformanceDocument>("doc-1");

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Null(await session.FindAsync<ConformanceDocument>("doc-2"));
    }

    /// <summary>Equality conditions work on text, enum, number and instant slots, with values normalised the same way as stored ones.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_EqualityOnEverySlotKind_MatchesNormalisedValues()
    {
        await using var context = await StartAsync();
        var patient = Id<Patient>.New();
        var at = new DateTimeOffset(2025, 3, 3, 11, 30, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "a", "x", 1) with { PatientId = patient, State = ConformanceState.Closed, Score = 5, At = at, Until = at },
            ConformanceData.Document(context.TenantA, "b", "y", 2) with { State = ConformanceState.Open, Score = 6, At = at.AddHours(1) });
        await using var session = context.OpenSession(context.TenantA);

        async Task<string[]> Keys(DocumentQuery<ConformanceDocument> query) => (await session.QueryAsync(query)).Items.Select(d => d.Key).ToArray();

        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("patient", patient)));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("patient", patient.ToString())));
        Assert.Equal(["b"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("category", "y")));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("state", ConformanceState.Closed)));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("state", "Closed")));
        Assert.Equal(["b"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("rank", 2L)));
        Assert.Equal(["b"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("rank", 2)));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("score", 5)));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("at", at.ToUniversalTime())));
        Assert.Equal(["a"], await Keys(DocumentQuery<ConformanceDocument>.All.Where("until", at.AddTicks(2))));
        Assert.Empty(await Keys(DocumentQuery<ConformanceDocument>.All.Where("category", "X")));
    }

    /// <summary>An equality condition with <see langword="null"/> matches documents without a value; range conditions never match them.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_NullValues_MatchEqualNullOnlyAndNeverRanges()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "with", "x", 5),
            ConformanceData.Document(context.TenantA, "without-1"),
            ConformanceData.Document(context.TenantA, "without-2") with { Category = string.Empty });
        await using var session = context.OpenSession(context.TenantA);

        var nullCategory = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("category", null));
        var nullRank = await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where("rank", null));
        var ranged = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.WhereBetween("rank", long.MinValue, null));

        Assert.Equal(["without-1", "without-2"], nullCategory.Items.Select(d => d.Key));
        Assert.Equal(2, nullRank);
        Assert.Equal(["with"], ranged.Items.Select(d => d.Key));
    }

    /// <summary>Range conditions include the lower bound and exclude the upper one, on numbers, instants and text (ordinal).</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_Ranges_LowerInclusiveUpperExclusive()
    {
        await using var context = await StartAsync();
        var documents = Enumerable.Range(1, 6)
            .Select(i => ConformanceData.Document(context.TenantA, $"doc-{i}", ((char)('a' + i)).ToString(), i * 10) with { At = StartTime.AddMinutes(i) })
            .ToArray();
        await ConformanceData.InsertAsync(context, context.TenantA, documents);
        await using var session = context.OpenSession(context.TenantA);

        async Task<string[]> Keys(DocumentQuery<ConformanceDocument> query) => (await session.QueryAsync(query)).Items.Select(d => d.Key).ToArray();

        Assert.Equal(["doc-2", "doc-3", "doc-4"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("rank", 20, 50)));
        Assert.Equal(["doc-5", "doc-6"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("rank", 50L, null)));
        Assert.Equal(["doc-1", "doc-2"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("at", null, StartTime.AddMinutes(3))));
        Assert.Equal(["doc-3", "doc-4"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("category", "d", "f")));
        Assert.Equal(["doc-4"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("rank", 20, 50).WhereBetween("at", StartTime.AddMinutes(4), null)));
        Assert.Equal(["doc-3"], await Keys(DocumentQuery<ConformanceDocument>.All.WhereBetween("rank", 20, 50).Where("category", "d")));
    }

    /// <summary>Ordering by an index leaves out documents without a value and breaks ties by key; descending reverses both.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_OrderByIndex_LeavesOutNullsAndBreaksTiesByKey()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "k2", rank: 5),
            ConformanceData.Document(context.TenantA, "k1", rank: 5),
            ConformanceData.Document(context.TenantA, "k3", rank: -1),
            ConformanceData.Document(context.TenantA, "k0"),
            ConformanceData.Document(context.TenantA, "k4", rank: 9));
        await using var session = context.OpenSession(context.TenantA);

        var ascending = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("rank"));
        var descending = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("rank", descending: true));

        Assert.Equal(["k3", "k1", "k2", "k4"], ascending.Items.Select(d => d.Key));
        Assert.Equal(["k4", "k2", "k1", "k3"], descending.Items.Select(d => d.Key));
        Assert.Null(ascending.ContinuationToken);
    }

    /// <summary>Without an order index, results are ordered by key in ordinal text order.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_WithoutOrderIndex_OrdersByKeyOrdinally()
    {
        await using var context = await StartAsync();
        string[] keys = ["b", "B", "a", "A-1", "a-1", "_", "10", "9"];
        await ConformanceData.InsertAsync(context, context.TenantA, keys.Select(k => ConformanceData.Document(context.TenantA, k)).ToArray());
        await using var session = context.OpenSession(context.TenantA);

        var page = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All);

        Assert.Equal(keys.Order(StringComparer.Ordinal), page.Items.Select(d => d.Key));
    }

    /// <summary>Keyset paging visits every matching document once, in order, on text, number and instant orders in both directions; the last page has no token.</summary>
    /// <param name="index">The order index.</param>
    /// <param name="descending">Whether to order descending.</param>
    /// <returns>A task.</returns>
    [SkippableTheory]
    [InlineData(null, false)]
    [InlineData("rank", false)]
    [InlineData("rank", true)]
    [InlineData("category", false)]
    [InlineData("category", true)]
    [InlineData("at", false)]
    [InlineData("at", true)]
    public async Task Query_KeysetPaging_VisitsEveryDocumentOnceInOrder(string? index, bool descending)
    {
        await using var context = await StartAsync();
        var documents = Enumerable.Range(0, 23)
            .Select(i => ConformanceData.Document(context.TenantA, $"doc-{i:00}", $"c{i % 4}", i % 5) with { At = StartTime.AddSeconds(i % 3) })
            .ToArray();
        await ConformanceData.InsertAsync(context, context.TenantA, documents);
        await using var session = context.OpenSession(context.TenantA);
        var query = DocumentQuery<ConformanceDocument>.All.Take(4);
        if (index is not null)
        {
            query = query.OrderBy(index, descending);
        }

        var visited = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token));
            Assert.InRange(page.Items.Count, 1, 4);
            visited.AddRange(page.Items.Select(d => d.Key));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        IEnumerable<ConformanceDocument> expected = (index, descending) switch
        {
            ("rank", false) => documents.OrderBy(d => d.Rank).ThenBy(d => d.Key, StringComparer.Ordinal),
            ("rank", true) => documents.OrderByDescending(d => d.Rank).ThenByDescending(d => d.Key, StringComparer.Ordinal),
            ("category", false) => documents.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal),
            ("category", true) => documents.OrderByDescending(d => d.Category, StringComparer.Ordinal).ThenByDescending(d => d.Key, StringComparer.Ordinal),
            ("at", false) => documents.OrderBy(d => d.At).ThenBy(d => d.Key, StringComparer.Ordinal),
            ("at", true) => documents.OrderByDescending(d => d.At).ThenByDescending(d => d.Key, StringComparer.Ordinal),
            _ => documents.OrderBy(d => d.Key, StringComparer.Ordinal),
        };
        Assert.Equal(expected.Select(d => d.Key), visited);
        Assert.Equal(6, pages);
    }

    /// <summary>A page that ends exactly at the last matching document carries no continuation token.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_LastPageExactlyFull_HasNoContinuationToken()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 6).Select(i => ConformanceData.Document(context.TenantA, $"doc-{i}")).ToArray());
        await using var session = context.OpenSession(context.TenantA);

        var first = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Take(3));
        var second = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Take(3).After(first.ContinuationToken));

        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(3, second.Items.Count);
        Assert.Null(second.ContinuationToken);
    }

    /// <summary>A continuation token is the shared encoding of the last document's order entry (<c>IndexKey</c>) and key, so a token written by hand (also with a plain value of a single-field index) continues after that position.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_ContinuationToken_IsTheSharedKeysetEncoding()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 5).Select(i => ConformanceData.Document(context.TenantA, $"doc-{i}", rank: 10 - i)).ToArray());
        await using var session = context.OpenSession(context.TenantA);

        var first = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("rank").Take(2));
        var after = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("rank").After(ContinuationToken.Encode(7L, "doc-3")));

        Assert.Equal(ContinuationToken.Encode(IndexKey.Encode([7L]), "doc-3"), first.ContinuationToken);
        Assert.Equal(["doc-2", "doc-1", "doc-0"], after.Items.Select(d => d.Key));
    }

    /// <summary>Protected indexes answer equality conditions and refuse range conditions.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_ProtectedIndex_AllowsEqualityAndRefusesRanges()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "a") with { Secret = "alpha" },
            ConformanceData.Document(context.TenantA, "b") with { Secret = "beta" });
        await using var session = context.OpenSession(context.TenantA);

        var found = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("secret", "beta"));

        Assert.Equal(["b"], found.Items.Select(d => d.Key));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.WhereBetween("secret", "a", null)));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.WhereBetween("secret", null, "z")));
        await Assert.ThrowsAsync<ArgumentException>(() => session.CountAsync(DocumentQuery<ConformanceDocument>.All.WhereBetween("secret", "a", "z")));
    }

    /// <summary>Unknown indexes, values of the wrong kind and malformed tokens are refused with <see cref="ArgumentException"/>.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Query_InvalidInput_ThrowsArgumentException()
    {
        await using var context = await StartAsync();
        await using var session = context.OpenSession(context.TenantA);

        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("nope", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.OrderBy("nope")));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("rank", "ten")));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("at", 5)));
        await Assert.ThrowsAsync<ArgumentException>(() => session.QueryAsync(DocumentQuery<ConformanceDocument>.All.After("not a token")));
    }

    /// <summary>Count applies the conditions and ignores order and paging.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Count_AppliesConditionsIgnoresOrderAndPaging()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 12).Select(i => ConformanceData.Document(context.TenantA, $"doc-{i}", i % 2 == 0 ? "even" : "odd", i)).ToArray());
        await using var session = context.OpenSession(context.TenantA);

        Assert.Equal(12, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Take(2)));
        Assert.Equal(6, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where("category", "even").OrderBy("rank").Take(1)));
        Assert.Equal(3, await session.CountAsync(DocumentQuery<ConformanceDocument>.All.Where("category", "odd").WhereBetween("rank", 4, 10)));
    }

    /// <summary>
    /// Documents and index values pass through the registered <see cref="IDocumentCodec"/>: a protecting codec's
    /// encrypted text is what the provider stores, and equality queries on protected indexes compare blind indexes.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Codec_ProtectingCodec_StoresEncodedTextAndBlindIndexes()
    {
        var codec = new RecordingProtectingCodec();
        await using var context = await StartAsync(services => services.AddSingleton<IDocumentCodec>(codec));
        await ConformanceData.InsertAsync(
            context,
            context.TenantA,
            ConformanceData.Document(context.TenantA, "a", "c1") with { Secret = "alpha" },
            ConformanceData.Document(context.TenantA, "b", "c2") with { Secret = "beta" });
        await using var session = context.OpenSession(context.TenantA);

        var read = await session.FindAsync<ConformanceDocument>("a");
        var bySecret = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("secret", "beta"));
        var byCategory = await session.QueryAsync(DocumentQuery<ConformanceDocument>.All.Where("category", "c1"));

        Assert.Equal("alpha", read!.Secret);
        Assert.Equal(["b"], bySecret.Items.Select(d => d.Key));
        Assert.Equal(["a"], byCategory.Items.Select(d => d.Key));
        Assert.True(codec.Encoded >= 2);
        Assert.True(codec.Decoded >= 3);
        Assert.Contains("secret", codec.BlindIndexed);
    }

    /// <summary>The core collections are stored like any other: a patient is found by its protected, normalised email index.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task CoreCollections_Patient_FoundByEmailIndex()
    {
        await using var context = await StartAsync();
        var patient = ConformanceData.Patient(context.TenantA) with { Email = "  Testy@Example.INVALID " };
        await ConformanceData.InsertAsync(context, context.TenantA, patient);
        await using var session = context.OpenSession(context.TenantA);

        var found = await session.QueryAsync(DocumentQuery<Patient>.All.Where("email", CoreCollections.NormalizeEmail("testy@example.invalid")));

        Assert.Equal(patient with { Version = 1 }, Assert.Single(found.Items));
        Assert.Equal(patient with { Version = 1 }, await session.FindAsync(patient.Id));
    }
}
