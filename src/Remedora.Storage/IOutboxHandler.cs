namespace Remedora.Storage;

/// <summary>
/// Handles outbox messages of one type. Registered through DI (<c>AddOutboxHandler&lt;T&gt;()</c>). Delivery is at
/// least once per handler: use <see cref="OutboxEnvelope.IdempotencyKey"/> to make handling idempotent. Throwing makes
/// the dispatcher retry this handler's delivery with backoff, and dead-letter it after the configured attempts; the
/// other handlers of the message are not affected.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>Gets the message type this handler receives.</summary>
    string MessageType { get; }

    /// <summary>
    /// Gets the handler's stable name, unique among the handlers of a dispatcher: deliveries are tracked per message and
    /// handler name, and only a dispatcher with a handler of that name delivers them. The default is the handler's full
    /// type name; override it to keep pending deliveries when the class is renamed or moved.
    /// </summary>
    string Name => GetType().FullName ?? GetType().Name;

    /// <summary>Handles one delivery.</summary>
    /// <param name="envelope">The delivery.</param>
    /// <param name="cancellationToken">A token cancelled when the host stops.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken);
}
