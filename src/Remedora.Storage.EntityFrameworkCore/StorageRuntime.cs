using Microsoft.Extensions.Logging;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>What the sessions, the work queue and the audit log store share: the database, the model, the codec, the clock and the interceptors.</summary>
internal sealed class StorageRuntime
{
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
}
