using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Remedora.Diagnostics;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>What the sessions, the work queue and the audit log store share: the database, the model, the codec, the clock and the interceptors.</summary>
internal sealed class StorageRuntime
{
    private static readonly Histogram<double> ClaimDuration = RemedoraTelemetry.Meter.CreateHistogram<double>(
        "remedora.storage.claim.duration",
        unit: "s",
        description: "How long claiming queue items takes in the database (one ClaimNext or Claim call).");

    private readonly ICommitInterceptor[] _interceptors;

    public StorageRuntime(StorageDatabase database, StorageModel model, IDocumentCodec codec, TimeProvider timeProvider, IEnumerable<ICommitInterceptor> interceptors, ILogger logger)
    {
        Database = database;
        Model = model;
        Codec = codec;
        TimeProvider = timeProvider;
        Logger = logger;
        _interceptors = interceptors.ToArray();
    }

    public StorageDatabase Database { get; }

    public StorageModel Model { get; }

    public IDocumentCodec Codec { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public DateTimeOffset Now() => StorageTime.Normalize(TimeProvider.GetUtcNow());

    public async ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
    {
        foreach (var interceptor in _interceptors)
        {
            await interceptor.AfterStepAsync(tenantId, step, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a claim's duration (wall-clock elapsed time, not the storage clock), tagged with database, queue and outcome.</summary>
    public void RecordClaim(long startTimestamp, string queue, bool claimed)
    {
        if (!ClaimDuration.Enabled)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        ClaimDuration.Record(
            elapsed,
            new KeyValuePair<string, object?>("db.system", Database.Dialect.Name),
            new KeyValuePair<string, object?>("remedora.queue", queue),
            new KeyValuePair<string, object?>("remedora.claim.outcome", claimed ? "claimed" : "empty"));
    }
}
