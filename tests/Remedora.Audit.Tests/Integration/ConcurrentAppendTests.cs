using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>Appends to one tenant's chain from many writers at once; the chain must verify and hold every record.</summary>
public sealed class ConcurrentAppendTests : IDisposable
{
    private const int Writers = 6;
    private const int CommitsPerWriter = 25;
    private const int EventsPerCommit = 4;
    private readonly string _path = Databases.NewSqlitePath();

    public void Dispose() => Databases.DeleteSqlite(_path);

    [Fact]
    public async Task Append_SixThreadsOnSqlite_ChainVerifiesAndNoRecordIsLost()
    {
        using var storage = await Databases.SqliteAsync(_path, clock: TimeProvider.System);

        await RunWritersAsync([storage, storage, storage, storage, storage, storage]);

        await AssertCompleteAsync(storage.AuditLog);
    }

    [SkippableFact]
    public async Task Append_TwoConnectionsOnPostgreSql_ChainVerifiesAndNoRecordIsLost()
    {
        var connectionString = Databases.RequirePostgres();
        var schema = "audit_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            // Two storages, each with its own connection pool: two hosts writing to one database.
            using var first = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema), Databases.Model, new JsonDocumentCodec(), TimeProvider.System);
            await first.MigrateAsync();
            using var second = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString + ";Application Name=second-host", schema), Databases.Model, new JsonDocumentCodec(), TimeProvider.System);

            await RunWritersAsync([first, second, first, second, first, second]);

            await AssertCompleteAsync(first.AuditLog);
        }
        finally
        {
            Databases.DropSchema(connectionString, schema);
        }
    }

    private static async Task RunWritersAsync(EntityFrameworkCoreStorage[] hosts)
    {
        using var start = new Barrier(hosts.Length);
        var threads = hosts.Select((host, writer) => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var commit = 0; commit < CommitsPerWriter; commit++)
                {
                    var session = host.Sessions.OpenSession(AuditFixtures.Tenant);
                    for (var e = 0; e < EventsPerCommit; e++)
                    {
                        session.Audit(AuditFixtures.Event(e) with { ActorId = $"writer-{writer}", CorrelationId = $"{writer}-{commit}-{e}" });
                    }

                    session.CommitAsync().GetAwaiter().GetResult();
                    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(threads);
    }

    private static async Task AssertCompleteAsync(IAuditLogStore log)
    {
        var result = await new AuditChainVerifier(log).VerifyAsync(AuditFixtures.Tenant);
        var correlations = new List<string>();
        await foreach (var record in log.ReadChainAsync(AuditFixtures.Tenant).Select(e => e.Record!))
        {
            correlations.Add(record.Event.CorrelationId!);
        }

        const int Expected = Writers * CommitsPerWriter * EventsPerCommit;
        Assert.True(result.IsIntact, result.Break?.Description);
        Assert.Equal(Expected, result.RecordsVerified);
        Assert.Equal(Expected, correlations.Distinct().Count());

        // Each commit's events are contiguous: appends never interleave.
        foreach (var commit in correlations.Select((c, i) => (Commit: c[..c.LastIndexOf('-')], i)).GroupBy(x => x.Commit))
        {
            var positions = commit.Select(x => x.i).ToArray();
            Assert.Equal(EventsPerCommit - 1, positions[^1] - positions[0]);
        }
    }
}
