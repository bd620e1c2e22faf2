using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// The hash-chained audit log: records appended at commit in staging order, sequence numbers from 1 without gaps,
/// hashes that <see cref="AuditChain"/> verifies, every field stored, concurrent appends that lose nothing, queries and
/// streaming.
/// </summary>
public abstract class AuditLogConformanceTests : StorageConformanceTestBase
{
    /// <summary>Committed events are appended in staging order, numbered from 1 without gaps, and chained by hash; the head is the last record.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_AuditEvents_AppendedInOrderAndChained()
    {
        await using var context = await StartAsync();
        for (var commit = 0; commit < 3; commit++)
        {
            await using var session = context.OpenSession(context.TenantA);
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{commit}-a"));
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{commit}-b"));
            await session.CommitAsync();
            context.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);
        var head = await context.AuditLog.GetHeadAsync(context.TenantA);

        Assert.Equal(["actor-0-a", "actor-0-b", "actor-1-a", "actor-1-b", "actor-2-a", "actor-2-b"], chain.Select(r => r.Event.ActorId));
        ConformanceData.AssertValidChain(chain, context.TenantA);
        Assert.Equal(6, head.Sequence);
        Assert.Equal(chain[^1].Hash.ToArray(), head.Hash.ToArray());
    }

    /// <summary>An empty chain's head is sequence 0 with the genesis hash.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetHeadAsync_EmptyChain_GenesisHead()
    {
        await using var context = await StartAsync();

        var head = await context.AuditLog.GetHeadAsync(context.TenantA);

        Assert.Equal(0, head.Sequence);
        Assert.Equal(AuditChain.GenesisHash.ToArray(), head.Hash.ToArray());
        Assert.Empty(await ConformanceData.ReadChainAsync(context, context.TenantA));
    }

    /// <summary>Every field of an event is stored: what is read back is the normalised event (UTC, whole microseconds), and its hash verifies.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ReadChainAsync_EveryFieldStored_AsNormalisedEvent()
    {
        await using var context = await StartAsync();
        var full = new AuditEvent
        {
            OccurredAt = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1234567),
            TenantId = context.TenantA,
            ActorId = "clinician-7",
            ActorRole = ActorRole.Clinician,
            Action = AuditAction.Disclose,
            ResourceType = "CareCase",
            ResourceId = "case-1",
            PatientId = Id<Patient>.New(),
            Outcome = AuditOutcome.Success,
            PurposeOfUse = PurposeOfUse.EmergencyTreatment,
            Source = new RequestSource("portal", "203.0.113.7", "browser"),
            CorrelationId = "corr-1",
            BreakGlassReason = "unconscious patient",
            Detail = "basis:BreakGlass",
            Disclosure = new Disclosure("Example Pharmacy", "treatment", "prescription"),
        };
        var minimal = new AuditEvent
        {
            OccurredAt = context.Now,
            TenantId = context.TenantA,
            ActorId = "system",
            ActorRole = ActorRole.System,
            Action = AuditAction.Login,
            ResourceType = "Session",
            Outcome = AuditOutcome.Failed,
        };
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Audit(full);
            session.Audit(minimal);
            await session.CommitAsync();
        }

        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);

        Assert.Equal(AuditChain.Normalize(full), chain[0].Event);
        Assert.Equal(TimeSpan.Zero, chain[0].Event.OccurredAt.Offset);
        Assert.Equal(0, chain[0].Event.OccurredAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(minimal, chain[1].Event);
        ConformanceData.AssertValidChain(chain, context.TenantA);
    }

    /// <summary>Eight threads commit audit events to one tenant at once: nothing is lost, sequences have no gaps and the chain verifies.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Commit_ConcurrentAppendsFromThreads_LoseNothingAndKeepChainValid()
    {
        await using var context = await StartAsync();
        const int Threads = 8;
        const int CommitsPerThread = 15;
        var committed = new ConcurrentBag<string>();

        await ConformanceData.RunOnThreadsAsync(Threads, thread =>
        {
            for (var commit = 0; commit < CommitsPerThread; commit++)
            {
                var session = context.OpenSession(context.TenantA);
                var first = $"t{thread}-c{commit}-0";
                var second = $"t{thread}-c{commit}-1";
                session.Audit(ConformanceData.Event(context.TenantA, context.Now, first));
                session.Audit(ConformanceData.Event(context.TenantA, context.Now, second));
                session.CommitAsync().GetAwaiter().GetResult();
                session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                committed.Add(first);
                committed.Add(second);
            }

            return 0;
        });

        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);
        Assert.Equal(Threads * CommitsPerThread * 2, chain.Count);
        ConformanceData.AssertValidChain(chain, context.TenantA);
        Assert.Equal(committed.Order(StringComparer.Ordinal), chain.Select(r => r.Event.ActorId).Order(StringComparer.Ordinal));
        for (var i = 0; i < chain.Count; i += 2)
        {
            // The two events of one unit of work are adjacent: appends from different commits never interleave.
            Assert.Equal(chain[i].Event.ActorId[..^1], chain[i + 1].Event.ActorId[..^1]);
        }

        Assert.Equal(chain.Count, (await context.AuditLog.GetHeadAsync(context.TenantA)).Sequence);
    }

    /// <summary>Streaming from a sequence number starts there; past the head it returns nothing.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ReadChainAsync_FromSequence_StartsThere()
    {
        await using var context = await StartAsync();
        await using (var session = context.OpenSession(context.TenantA))
        {
            for (var i = 0; i < 5; i++)
            {
                session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{i}"));
            }

            await session.CommitAsync();
        }

        Assert.Equal([3L, 4L, 5L], (await ConformanceData.ReadChainAsync(context, context.TenantA, 3)).Select(r => r.Sequence));
        Assert.Empty(await ConformanceData.ReadChainAsync(context, context.TenantA, 6));
    }

    /// <summary>Queries return the newest records first, apply every filter together and page with tokens.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task QueryAsync_FiltersNewestFirstAndPages()
    {
        await using var context = await StartAsync();
        var patient = Id<Patient>.New();
        var t0 = context.Now;
        await using (var session = context.OpenSession(context.TenantA))
        {
            for (var i = 0; i < 10; i++)
            {
                session.Audit(ConformanceData.Event(
                    context.TenantA,
                    t0.AddMinutes(i),
                    actor: i % 2 == 0 ? "even" : "odd",
                    action: i < 5 ? AuditAction.Read : AuditAction.Update,
                    outcome: i == 7 ? AuditOutcome.Denied : AuditOutcome.Success,
                    patientId: i % 3 == 0 ? patient : null));
            }

            await session.CommitAsync();
        }

        async Task<long[]> Sequences(AuditQuery query) => (await context.AuditLog.QueryAsync(context.TenantA, query)).Items.Select(r => r.Sequence).ToArray();

        Assert.Equal(new long[] { 10L, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, await Sequences(new AuditQuery()));
        Assert.Equal(new long[] { 9L, 7, 5, 3, 1 }, await Sequences(new AuditQuery { ActorId = "even" }));
        Assert.Equal(new long[] { 10L, 7, 4, 1 }, await Sequences(new AuditQuery { PatientId = patient }));
        Assert.Equal(new long[] { 10L, 9, 8, 7, 6 }, await Sequences(new AuditQuery { Action = AuditAction.Update }));
        Assert.Equal(new long[] { 8L }, await Sequences(new AuditQuery { Outcome = AuditOutcome.Denied }));
        Assert.Equal(new long[] { 5L, 4, 3 }, await Sequences(new AuditQuery { From = t0.AddMinutes(2), To = t0.AddMinutes(5) }));
        Assert.Equal(new long[] { 7L }, await Sequences(new AuditQuery { ActorId = "even", Action = AuditAction.Update, PatientId = patient }));

        var pages = new List<long>();
        string? token = null;
        var count = 0;
        do
        {
            var page = await context.AuditLog.QueryAsync(context.TenantA, new AuditQuery { ActorId = "odd", Limit = 2, ContinuationToken = token });
            pages.AddRange(page.Items.Select(r => r.Sequence));
            token = page.ContinuationToken;
            count++;
        }
        while (token is not null);

        Assert.Equal([10L, 8, 6, 4, 2], pages);
        Assert.Equal(3, count);
    }

    /// <summary>Listing tenants names every tenant with records, for whole-log verification.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task ListTenantsAsync_NamesTenantsWithRecords()
    {
        await using var context = await StartAsync();
        foreach (var tenant in new[] { context.TenantA, context.TenantB })
        {
            await using var session = context.OpenSession(tenant);
            session.Audit(ConformanceData.Event(tenant, context.Now));
            await session.CommitAsync();
        }

        var tenants = await context.AuditLog.ListTenantsAsync();

        Assert.Contains(context.TenantA, tenants);
        Assert.Contains(context.TenantB, tenants);
        Assert.Equal(tenants.Count, tenants.Distinct().Count());
    }

    /// <summary>
    /// A commit only adds its records to the backlog: while another host holds the tenant's integration lease, the log
    /// does not move and the backlog reports them; once the lease expires, integration appends them in commit order,
    /// chained, with the backlog empty and the Merkle tree's leaves stored.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task IntegrateAsync_LeaseHeldElsewhere_BacklogWaitsThenIsIntegratedInOrder()
    {
        await using var context = await StartAsync();
        var integrator = context.Services.GetRequiredService<IAuditLogIntegrator>();
        Assert.True((await integrator.IntegrateAsync(context.TenantA, "other-host", 0, TimeSpan.FromSeconds(5))).LeaseAcquired);
        for (var commit = 0; commit < 3; commit++)
        {
            await using var session = context.OpenSession(context.TenantA);
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{commit}-a"));
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{commit}-b"));
            await session.CommitAsync();
        }

        var refused = await integrator.IntegrateAsync(context.TenantA, "this-host", 100, TimeSpan.FromSeconds(5));
        var headDuring = await context.AuditLog.GetHeadAsync(context.TenantA);
        var backlog = await integrator.GetBacklogAsync(context.TenantA);

        Assert.False(refused.LeaseAcquired);
        Assert.Equal(0, headDuring.Sequence);
        Assert.Equal(6, backlog.Count);
        Assert.Equal(context.Now, backlog.OldestCommittedAt);
        Assert.Contains(context.TenantA, await integrator.ListBacklogTenantsAsync());

        context.Clock.Advance(TimeSpan.FromSeconds(6));
        var first = await integrator.IntegrateAsync(context.TenantA, "this-host", 4, TimeSpan.FromSeconds(5));
        var second = await integrator.IntegrateAsync(context.TenantA, "this-host", 4, TimeSpan.FromSeconds(5));
        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);

        Assert.Equal((true, 4, 4L, true), (first.LeaseAcquired, first.Integrated, first.TreeSize, first.HasMore));
        Assert.Equal((2, 6L, false), (second.Integrated, second.TreeSize, second.HasMore));
        Assert.Equal(["actor-0-a", "actor-0-b", "actor-1-a", "actor-1-b", "actor-2-a", "actor-2-b"], chain.Select(r => r.Event.ActorId));
        ConformanceData.AssertValidChain(chain, context.TenantA);
        Assert.Equal(0, (await integrator.GetBacklogAsync(context.TenantA)).Count);
        Assert.DoesNotContain(context.TenantA, await integrator.ListBacklogTenantsAsync());
        var leaves = await integrator.ReadTreeNodesAsync(context.TenantA, [.. Enumerable.Range(0, 6).Select(i => new AuditTreeNode(0, i)), new AuditTreeNode(2, 0), new AuditTreeNode(1, 2), new AuditTreeNode(0, 6)]);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(AuditTree.HashLeaf(AuditChain.GetCanonicalBytes(chain[i].Sequence, chain[i].Event)), leaves[i]!.Value.ToArray());
        }

        Assert.NotNull(leaves[6]);
        Assert.NotNull(leaves[7]);
        Assert.Null(leaves[8]);
    }

    /// <summary>Integrators of many holders racing on one tenant, with leases that expire at once, integrate every record exactly once.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task IntegrateAsync_ConcurrentHolders_IntegrateEveryRecordExactlyOnce()
    {
        await using var context = await StartAsync();
        var integrator = context.Services.GetRequiredService<IAuditLogIntegrator>();
        const int Commits = 40;
        for (var commit = 0; commit < Commits; commit++)
        {
            await using var session = context.OpenSession(context.TenantA);
            session.Audit(ConformanceData.Event(context.TenantA, context.Now, $"actor-{commit}"));
            await session.CommitAsync();
        }

        var integrated = new ConcurrentBag<int>();
        await ConformanceData.RunOnThreadsAsync(6, thread =>
        {
            for (var round = 0; round < 20; round++)
            {
                try
                {
                    // A lease of a tick: every holder may take the tenant at any time.
                    integrated.Add(integrator.IntegrateAsync(context.TenantA, $"holder-{thread}", 3, TimeSpan.FromTicks(1)).GetAwaiter().GetResult().Integrated);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
                {
                    // A batch that lost a race rolls back whole.
                }

                context.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }

            return 0;
        });
        for (var pass = 0; pass < 10 && (await integrator.IntegrateAsync(context.TenantA, "last", 100, TimeSpan.FromSeconds(1))).HasMore; pass++)
        {
        }

        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);
        Assert.Equal(Commits, chain.Count);
        Assert.Equal(Commits, chain.Select(r => r.Event.ActorId).Distinct().Count());
        ConformanceData.AssertValidChain(chain, context.TenantA);
        Assert.True(integrated.Sum() <= Commits);
    }
}
