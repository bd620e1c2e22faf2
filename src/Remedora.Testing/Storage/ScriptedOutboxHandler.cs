using System.Collections.Concurrent;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>A handler whose behaviour a test scripts; it records every delivery and every success. Each instance has a name of its own unless given one.</summary>
internal sealed class ScriptedOutboxHandler : IOutboxHandler
{
    private static int _instances;
    private readonly Func<OutboxEnvelope, CancellationToken, Task> _behaviour;

    public ScriptedOutboxHandler(string messageType, Func<OutboxEnvelope, CancellationToken, Task>? behaviour = null, string? name = null)
    {
        MessageType = messageType;
        _behaviour = behaviour ?? ((_, _) => Task.CompletedTask);
        Name = name ?? $"scripted-{Interlocked.Increment(ref _instances)}";
    }

    public string MessageType { get; }

    public string Name { get; }

    public ConcurrentQueue<OutboxEnvelope> Deliveries { get; } = new();

    public ConcurrentQueue<OutboxEnvelope> Successes { get; } = new();

    public async Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
    {
        Deliveries.Enqueue(envelope);
        await _behaviour(envelope, cancellationToken).ConfigureAwait(false);
        Successes.Enqueue(envelope);
    }
}
