namespace Remedora.Storage;

/// <summary>What one <see cref="OutboxDispatcher.RunOnceAsync"/> call did. Deliveries are per message and handler.</summary>
/// <param name="Claimed">The deliveries claimed.</param>
/// <param name="Delivered">The deliveries whose handler succeeded, completed.</param>
/// <param name="Retried">The deliveries (or messages that could not be handed out) whose attempt failed and that will be retried after a backoff.</param>
/// <param name="DeadLettered">The deliveries (or messages that could not be handed out) whose last attempt failed and that were dead-lettered.</param>
/// <param name="Released">The messages and deliveries given back unhandled because the dispatcher was stopping.</param>
/// <param name="LeasesLost">The messages and deliveries whose lease was lost before their outcome could be recorded: withdrawn, rescheduled, or taken over (then delivered again).</param>
public readonly record struct OutboxDispatchResult(int Claimed, int Delivered, int Retried, int DeadLettered, int Released, int LeasesLost)
{
    /// <summary>Gets the due messages handed to their subscribers (one delivery each), including those without subscriber.</summary>
    public int Messages { get; init; }

    /// <summary>Gets the messages no handler subscribes to, recorded as delivered to nobody (included in <see cref="Messages"/>, not in <see cref="Delivered"/>).</summary>
    public int Unhandled { get; init; }
}
