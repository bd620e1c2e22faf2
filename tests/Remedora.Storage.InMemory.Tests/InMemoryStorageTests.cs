using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Remedora.Diagnostics;

namespace Remedora.Storage.InMemory.Tests;

/// <summary>What the conformance suite does not cover: construction without a container, read isolation, guards and metrics.</summary>
public class InMemoryStorageTests
{
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Constructor_WithoutContainer_StoresAndQueries()
    {
        var storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock);
        var patient = Patient();

        await using (var session = storage.OpenSession(Tenant))
        {
            session.Insert(patient);
            await session.CommitAsync();
        }

        await using var read = storage.OpenSession(Tenant);
        Assert.Equal(patient with { Version = 1 }, await read.FindAsync(patient.Id));
        Assert.Equal(1, await read.CountAsync(DocumentQuery<Patient>.All.Where("jurisdiction", "US-CA")));
    }

    [Fact]
    public async Task Readers_DuringConcurrentCommits_SeeWholeUnitsOfWorkOnly()
    {
        var storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock, [new YieldingInterceptor()]);
        const int Commits = 40;
        const int PerCommit = 10;
        var observed = new List<long>();
        using var done = new CancellationTokenSource();

        var reader = Task.Factory.StartNew(
            () =>
            {
                var session = storage.OpenSession(Tenant);
                while (!done.IsCancellationRequested)
                {
                    var count = session.CountAsync(DocumentQuery<Patient>.All).GetAwaiter().GetResult();
                    var head = storage.GetHeadAsync(Tenant).GetAwaiter().GetResult();
                    observed.Add(count);
                    Assert.Equal(0, count % PerCommit);
                    Assert.Equal(0, head.Sequence % PerCommit);
                }
            },
            TaskCreationOptions.LongRunning);

        for (var commit = 0; commit < Commits; commit++)
        {
            await using var session = storage.OpenSession(Tenant);
            for (var i = 0; i < PerCommit; i++)
            {
                var patient = session.Insert(Patient());
                session.Audit(new AuditEvent { OccurredAt = _clock.GetUtcNow(), TenantId = Tenant, ActorId = "system", ActorRole = ActorRole.System, Action = AuditAction.Create, ResourceType = "Patient", ResourceId = patient.Id.ToString(), Outcome = AuditOutcome.Success });
            }

            await session.CommitAsync();
        }

        await done.CancelAsync();
        await reader;
        Assert.NotEmpty(observed);
        Assert.Equal(Commits * PerCommit, (await storage.GetHeadAsync(Tenant)).Sequence);
    }

    [Fact]
    public async Task CommitAsync_CancelledBeforeStart_WritesNothing()
    {
        var storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock);
        await using var session = storage.OpenSession(Tenant);
        var patient = session.Insert(Patient());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.CommitAsync(new CancellationToken(canceled: true)));

        Assert.Null(await session.FindAsync(patient.Id));
    }

    [Fact]
    public async Task Session_AfterDispose_Throws()
    {
        var storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock);
        var session = storage.OpenSession(Tenant);
        await session.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => session.Insert(Patient()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.FindAsync<Patient>("x"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.CommitAsync());
    }

    [Fact]
    public async Task Session_UnregisteredDocumentType_ThrowsSayingWhatToRegister()
    {
        var storage = new InMemoryStorage(StorageModel.Create([]), new JsonDocumentCodec(), _clock);
        await using var session = storage.OpenSession(Tenant);

        var error = Assert.Throws<InvalidOperationException>(() => session.Insert(Patient()));

        Assert.StartsWith("No document collection is registered for Patient.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSession_EmptyTenant_Throws()
    {
        var storage = new InMemoryStorage(StorageModel.Create([]), new JsonDocumentCodec(), _clock);

        Assert.Throws<ArgumentException>(() => storage.OpenSession(default));
    }

    [Fact]
    public async Task Claims_InvalidRequests_Throw()
    {
        var storage = new InMemoryStorage(StorageModel.Create([]), new JsonDocumentCodec(), _clock);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ClaimNextAsync(new ClaimRequest { Queue = "q", Owner = "w", LeaseDuration = TimeSpan.FromMinutes(1), MaxItems = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ClaimNextAsync(new ClaimRequest { Queue = "q", Owner = "w", LeaseDuration = TimeSpan.Zero }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.ClaimNextAsync(new ClaimRequest { Queue = "q", Owner = " ", LeaseDuration = TimeSpan.FromMinutes(1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ClaimAsync(Tenant, Guid.NewGuid(), "w", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ListAsync(new QueueQuery { Queue = "q", Limit = 1001 }));
    }

    [Fact]
    public async Task Claims_RecordClaimDurationWithQueueOperationAndResult()
    {
        var queue = "metrics." + Guid.NewGuid().ToString("N")[..8];
        using var durations = new MetricCollector<double>(RemedoraTelemetry.Meter, StorageTelemetry.ClaimDurationInstrument);
        var storage = new InMemoryStorage(StorageModel.Create([]), new JsonDocumentCodec(), _clock);
        var item = new QueueItem { Id = Guid.NewGuid(), TenantId = Tenant, Queue = queue, DueAt = _clock.GetUtcNow(), AvailableAt = _clock.GetUtcNow() };
        await using (var session = storage.OpenSession(Tenant))
        {
            session.Enqueue(item);
            await session.CommitAsync();
        }

        await storage.ClaimAsync(Tenant, item.Id, "w", TimeSpan.FromMinutes(1));
        await storage.ClaimAsync(Tenant, item.Id, "w", TimeSpan.FromMinutes(1));
        await storage.ClaimNextAsync(new ClaimRequest { Queue = queue, Owner = "w", LeaseDuration = TimeSpan.FromMinutes(1) });

        var ours = durations.GetMeasurementSnapshot().Where(m => (string?)m.Tags[StorageTelemetry.QueueTag] == queue).ToArray();
        Assert.Equal(
            [("claim", "claimed"), ("claim", "already_claimed"), ("claim_next", "empty")],
            ours.Select(m => ((string)m.Tags[StorageTelemetry.OperationTag]!, (string)m.Tags[StorageTelemetry.OutcomeTag]!)));
        Assert.All(ours, m => Assert.True(m.Value >= 0));
    }

    private static Patient Patient() => new()
    {
        Id = Id<Patient>.New(),
        TenantId = Tenant,
        GivenName = "Testy",
        FamilyName = "Example",
        BirthDate = new DateOnly(1980, 1, 1),
        Jurisdiction = Jurisdiction.Parse("US-CA"),
    };

    /// <summary>Yields between commit steps, so readers get a chance to look at a commit in the middle.</summary>
    private sealed class YieldingInterceptor : ICommitInterceptor
    {
        public async ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Thread.SpinWait(1000);
        }
    }
}
