using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.Tests.Outbox;

// The handler example of docs/storage.md ("The outbox dispatcher"), compiled and run.
public sealed record CaseTransitioned(Guid CaseId, string State);

public interface ITransitionNotifier
{
    Task NotifyAsync(Guid caseId, string state, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed class CaseTransitionedHandler(ITransitionNotifier notifier) : IOutboxHandler
{
    public string MessageType => "care-paths.case-transitioned";

    public Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
    {
        var transition = envelope.Deserialize<CaseTransitioned>();
        return notifier.NotifyAsync(transition.CaseId, transition.State, envelope.IdempotencyKey, cancellationToken);
    }
}

public class DocsHandlerExampleTests
{
    [Fact]
    public async Task Example_PublishedTransition_ReachesTheNotifierOnce()
    {
        var notifier = new RecordingNotifier();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<ITransitionNotifier>(notifier);
        services.AddRemedora(r => r
            .UseInMemoryStorage()
            .AddOutboxDispatcher(o => o.MaxAttempts = 8)
            .AddOutboxHandler<CaseTransitionedHandler>()
            .AddOutboxHealthCheck());
        await using var provider = services.BuildServiceProvider();
        var caseId = Guid.NewGuid();
        await using (var session = provider.GetRequiredService<IStorageSessionFactory>().OpenSession(TenantId.Parse("acme")))
        {
            session.Publish(OutboxMessage.Create("care-paths.case-transitioned", new CaseTransitioned(caseId, "in-review"), $"{caseId}:in-review"));
            await session.CommitAsync();
        }

        var result = await provider.GetRequiredService<OutboxDispatcher>().RunOnceAsync();

        Assert.Equal(1, result.Delivered);
        Assert.Equal((caseId, "in-review", $"{caseId}:in-review"), Assert.Single(notifier.Calls));
    }

    private sealed class RecordingNotifier : ITransitionNotifier
    {
        public ConcurrentQueue<(Guid CaseId, string State, string Key)> Calls { get; } = new();

        public Task NotifyAsync(Guid caseId, string state, string idempotencyKey, CancellationToken cancellationToken)
        {
            Calls.Enqueue((caseId, state, idempotencyKey));
            return Task.CompletedTask;
        }
    }
}
