using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Remedora.Access;
using Remedora.Audit.Integration;
using Remedora.Audit.Proofs;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>
/// The audit log's backlog, integrator, Merkle tree, proofs and migration on the real databases: commits never wait
/// for integration, every committed record is integrated exactly once, proofs verify against signed checkpoints and
/// fail for tampered records, and a chain written before the tree existed verifies and continues.
/// </summary>
public abstract class AuditLogIntegrationTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = AuditFixtures.Tenant;
    private readonly HmacAuditCheckpointSigner _signer = new(new Dictionary<string, byte[]> { ["k1"] = AuditHarness.Key1 }, "k1");

    protected FakeTimeProvider Clock { get; } = new(AuditFixtures.Start);

    protected EntityFrameworkCoreStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await CreateStorageAsync();

    public Task DisposeAsync()
    {
        Storage?.Dispose();
        return CleanUpAsync();
    }

    [SkippableFact]
    public async Task Integrate_LeaseHeldByAnotherHost_CommitsWaitInTheBacklogAndVerificationReportsThem()
    {
        // Another host takes the tenant's lease first; this host's commits still succeed at once.
        Assert.True((await Storage.AuditIntegrator.IntegrateAsync(Tenant, "host-b", 0, TimeSpan.FromSeconds(10))).LeaseAcquired);
        await CommitAsync(0, 10, perCommit: 3);

        var during = await new AuditChainVerifier(Storage.AuditLog, integrator: Storage.AuditIntegrator).VerifyAsync(Tenant);
        var integrator = Integrator("host-a");
        var refused = await integrator.IntegrateAsync();

        Assert.True(during.IsIntact);
        Assert.Equal(0, during.RecordsVerified);
        Assert.Equal(10, during.Backlog.Count);
        Assert.Equal(AuditFixtures.Start, during.Backlog.OldestCommittedAt);
        Assert.Equal((1, 0L, 1), (refused.Tenants, refused.Integrated, refused.LeasedElsewhere));

        // Host b dies: once its lease has expired, host a takes the tenant over.
        Clock.Advance(TimeSpan.FromSeconds(11));
        var pass = await integrator.IntegrateAsync();
        var after = await new AuditChainVerifier(Storage.AuditLog, integrator: Storage.AuditIntegrator).VerifyAsync(Tenant);

        Assert.Equal(10, pass.Integrated);
        Assert.Equal(TimeSpan.FromSeconds(11), pass.MaxLag);
        Assert.True(after.IsIntact, after.Break?.Description);
        Assert.Equal(10, after.RecordsVerified);
        Assert.Equal(0, after.Backlog.Count);
        var chain = await ReadChainAsync();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => AuditFixtures.Event(i).ActorId), chain.Select(r => r.Event.ActorId));
    }

    [SkippableFact]
    public async Task Integrate_ManyIntegratorsRacingWithExpiringLeases_IntegrateEveryRecordExactlyOnce()
    {
        const int Writers = 4;
        const int Commits = 15;
        var real = await CreateStorageAsync(TimeProvider.System);
        using (real)
        {
            var stop = new CancellationTokenSource();
            var integrators = Enumerable.Range(0, 3).Select(h => Task.Run(async () =>
            {
                // A lease of 1 ms expires under every batch, so the integrators overlap all the time: the head lock and
                // the backlog delete keep each record to one integration.
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await real.AuditIntegrator.IntegrateAsync(Tenant, $"racer-{h}", 7, TimeSpan.FromMilliseconds(1));
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or DbException)
                    {
                        // A batch that lost the race rolls back and is retried.
                    }
                }
            })).ToArray();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var c = 0; c < Commits; c++)
                {
                    await using var session = real.Sessions.OpenSession(Tenant);
                    session.Audit(AuditFixtures.Event(c) with { ActorId = $"w{w}-c{c}-0" });
                    session.Audit(AuditFixtures.Event(c) with { ActorId = $"w{w}-c{c}-1" });
                    await session.CommitAsync();
                }
            })));
            await stop.CancelAsync();
            await Task.WhenAll(integrators);

            var result = await new AuditChainVerifier(real.AuditLog, integrator: real.AuditIntegrator).VerifyAsync(Tenant);
            var chain = new List<AuditRecord>();
            await foreach (var entry in real.AuditLog.ReadChainAsync(Tenant))
            {
                chain.Add(entry.Record!);
            }

            Assert.True(result.IsIntact, result.Break?.Description);
            Assert.Equal(0, result.Backlog.Count);
            Assert.Equal(Writers * Commits * 2, chain.Count);
            Assert.Equal(chain.Count, chain.Select(r => r.Event.ActorId).Distinct().Count());
            for (var i = 0; i < chain.Count; i += 2)
            {
                // The two records of one unit of work stay adjacent and in order.
                Assert.EndsWith("-0", chain[i].Event.ActorId, StringComparison.Ordinal);
                Assert.Equal(chain[i].Event.ActorId[..^1] + "1", chain[i + 1].Event.ActorId);
            }

            Assert.Equal(Reference(chain), (await Checkpoints(real).CreateAsync(ActorContext.ForSystem(Tenant, "nightly"))).RootHash.ToArray());
        }
    }

    [SkippableFact]
    public async Task Proofs_EveryRecord_VerifiesOfflineAgainstSignedCheckpoints_AndATamperedRecordOrNodeFails()
    {
        await CommitAsync(0, 37, perCommit: 5);
        var checkpoints = Checkpoints(Storage);
        var system = ActorContext.ForSystem(Tenant, "nightly");
        var first = await checkpoints.CreateAsync(system);
        await CommitAsync(100, 60, perCommit: 7);
        var second = AuditCheckpoint.Parse((await checkpoints.CreateAsync(system)).Export());
        var proofs = Proofs(Storage);
        var chain = await ReadChainAsync();

        // The checkpoints' roots are RFC 6962 roots over the records' canonical bytes, computed here independently.
        Assert.Equal(37, first.Sequence);
        Assert.Equal(Reference(chain.Take(37).ToList()), first.RootHash.ToArray());
        Assert.Equal(Reference(chain.Take((int)second.Sequence).ToList()), second.RootHash.ToArray());
        for (var sequence = 1L; sequence <= second.Sequence; sequence++)
        {
            var proof = AuditInclusionProof.Parse((await proofs.GetInclusionProofAsync(system, sequence, second.Sequence)).Export());
            Assert.True(await proof.VerifyAsync(second, _signer), $"record {sequence}");
            Assert.InRange(proof.Path.Count, 0, 8);
            Assert.False(await proof.VerifyAsync(first, _signer));
            Assert.False(await (proof with { Leaf = AuditChain.GetCanonicalBytes(sequence, chain[(int)(sequence % chain.Count)].Event) }).VerifyAsync(second, _signer));
        }

        var consistency = AuditConsistencyProof.Parse((await proofs.GetConsistencyProofAsync(system, first.Sequence, second.Sequence)).Export());
        Assert.True(await consistency.VerifyAsync(first, second, _signer));
        Assert.False(await consistency.VerifyAsync(first, second with { RootHash = RandomNumberGenerator.GetBytes(32) }, _signer));

        // A record edited in the database: the proof built from what is stored no longer reaches the signed root.
        await ExecuteAsync("UPDATE audit_records SET actor_id = 'someone-else' WHERE sequence = 12");
        var forged = await proofs.GetInclusionProofAsync(system, 12, second.Sequence);
        Assert.False(await forged.VerifyAsync(second, _signer));

        // Its tree leaf rewritten to match: the neighbour's proof now carries the forged leaf, and fails too.
        Assert.True(await (await proofs.GetInclusionProofAsync(system, 11, second.Sequence)).VerifyAsync(second, _signer));
        await ExecuteAsync($"UPDATE audit_tree_nodes SET hash = {HexLiteral(AuditMerkleTree.HashLeaf(forged.Leaf.Span))} WHERE level = 0 AND node_index = 11");
        Assert.False(await (await proofs.GetInclusionProofAsync(system, 11, second.Sequence)).VerifyAsync(second, _signer));
        Assert.False(await (await proofs.GetInclusionProofAsync(system, 12, second.Sequence)).VerifyAsync(second, _signer));
    }

    [SkippableFact]
    public async Task Migration_ChainWrittenBeforeTheTree_VerifiesAndTheLogContinuesFromIt()
    {
        // The chain rows are what the previous version wrote (the chain's format is unchanged); it had no tree nodes.
        await CommitAsync(0, 25, perCommit: 4);
        var before = await ReadChainAsync();
        await ExecuteAsync("DELETE FROM audit_tree_nodes");
        Assert.True((await new AuditChainVerifier(Storage.AuditLog).VerifyAsync(Tenant)).IsIntact);

        await CommitAsync(200, 9, perCommit: 2);
        var system = ActorContext.ForSystem(Tenant, "nightly");
        var checkpoint = await Checkpoints(Storage).CreateAsync(system);
        var chain = await ReadChainAsync();
        var result = await new AuditChainVerifier(Storage.AuditLog, _signer, integrator: Storage.AuditIntegrator).VerifyAsync(Tenant, checkpoint);

        Assert.True(result.IsIntact, result.Break?.Description);
        Assert.Equal(before.Select(r => Convert.ToHexString(r.Hash.Span)), chain.Take(25).Select(r => Convert.ToHexString(r.Hash.Span)));
        Assert.Equal(before[^1].Hash.ToArray(), chain[25].PreviousHash.ToArray());
        Assert.Equal(Reference(chain.Take((int)checkpoint.Sequence).ToList()), checkpoint.RootHash.ToArray());
        Assert.True(await (await Proofs(Storage).GetInclusionProofAsync(system, 3, checkpoint.Sequence)).VerifyAsync(checkpoint, _signer));
    }

    protected abstract Task<EntityFrameworkCoreStorage> CreateStorageAsync(TimeProvider? clock = null);

    protected abstract Task<DbConnection> OpenAsync();

    protected abstract Task CleanUpAsync();

    protected abstract string HexLiteral(byte[] bytes);

    /// <summary>The RFC 6962 root over the records' canonical bytes, by recursion over the leaves (not through the SDK's tree).</summary>
    private static byte[] Reference(List<AuditRecord> records)
    {
        static byte[] Mth(byte[][] d)
        {
            if (d.Length == 1)
            {
                return SHA256.HashData([0, .. d[0]]);
            }

            var k = 1;
            while (k * 2 < d.Length)
            {
                k *= 2;
            }

            return SHA256.HashData([1, .. Mth(d[..k]), .. Mth(d[k..])]);
        }

        return Mth([.. records.Select(r => AuditChain.GetCanonicalBytes(r.Sequence, r.Event))]);
    }

    private AuditIntegrator Integrator(string holder)
        => new(Storage.AuditIntegrator, Options.Create(new AuditIntegrationOptions { HolderId = holder, LeaseDuration = TimeSpan.FromSeconds(10), BatchSize = 4 }), Clock);

    private AuditCheckpoints Checkpoints(EntityFrameworkCoreStorage storage)
        => new(storage.AuditLog, storage.Sessions, Guard(storage), Clock, _signer, integrator: storage.AuditIntegrator);

    private AuditProofs Proofs(EntityFrameworkCoreStorage storage)
        => new(storage.AuditLog, storage.AuditIntegrator, storage.Sessions, Guard(storage), Clock);

    private AccessGuard Guard(EntityFrameworkCoreStorage storage)
        => new(new DefaultAccessPolicy(new TestRelationships(), Clock, Options.Create(new RemedoraOptions())), storage.Sessions, Clock);

    private async Task CommitAsync(int from, int count, int perCommit)
    {
        foreach (var chunk in Enumerable.Range(from, count).Chunk(perCommit))
        {
            await using var session = Storage.Sessions.OpenSession(Tenant);
            foreach (var i in chunk)
            {
                session.Audit(AuditFixtures.Event(i));
            }

            await session.CommitAsync();
        }
    }

    private async Task<List<AuditRecord>> ReadChainAsync()
    {
        var chain = new List<AuditRecord>();
        await foreach (var entry in Storage.AuditLog.ReadChainAsync(Tenant))
        {
            chain.Add(entry.Record!);
        }

        return chain;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The integration tests on SQLite.</summary>
public sealed class SqliteAuditLogIntegrationTests : AuditLogIntegrationTests
{
    private readonly string _path = Databases.NewSqlitePath();

    protected override Task<EntityFrameworkCoreStorage> CreateStorageAsync(TimeProvider? clock = null) => Databases.SqliteAsync(_path, clock: clock ?? Clock);

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        return connection;
    }

    protected override Task CleanUpAsync()
    {
        Databases.DeleteSqlite(_path);
        return Task.CompletedTask;
    }

    protected override string HexLiteral(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";
}

/// <summary>The integration tests on PostgreSQL (skipped without <c>REMEDORA_TEST_POSTGRES</c>).</summary>
public sealed class PostgreSqlAuditLogIntegrationTests : AuditLogIntegrationTests
{
    private readonly string? _connectionString = Environment.GetEnvironmentVariable(Databases.PostgresVariable) is { Length: > 0 } cs ? cs : null;
    private readonly string _schema = "audit_" + Guid.NewGuid().ToString("N")[..16];

    protected override async Task<EntityFrameworkCoreStorage> CreateStorageAsync(TimeProvider? clock = null)
    {
        if (_connectionString is null)
        {
            return null!;
        }

        var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(_connectionString, _schema), Databases.Model, new JsonDocumentCodec(), clock ?? Clock);
        await storage.MigrateAsync();
        return storage;
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.RequirePostgres() + $";Search Path={_schema}");
        await connection.OpenAsync();
        return connection;
    }

    protected override Task CleanUpAsync()
    {
        if (_connectionString is not null)
        {
            Databases.DropSchema(_connectionString, _schema);
        }

        return Task.CompletedTask;
    }

    protected override string HexLiteral(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";
}
