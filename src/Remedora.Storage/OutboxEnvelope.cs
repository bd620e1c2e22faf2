using System.Text.Json;

namespace Remedora.Storage;

/// <summary>A delivery of an outbox message to a handler.</summary>
/// <param name="MessageId">The message's queue item id.</param>
/// <param name="TenantId">The tenant whose unit of work published it.</param>
/// <param name="MessageType">The message type.</param>
/// <param name="Payload">The JSON payload.</param>
/// <param name="IdempotencyKey">The idempotency key, the same on every attempt.</param>
/// <param name="Attempt">Which delivery attempt this is (1 for the first).</param>
/// <param name="CreatedAt">When the message was committed.</param>
public sealed record OutboxEnvelope(Guid MessageId, TenantId TenantId, string MessageType, string Payload, string IdempotencyKey, int Attempt, DateTimeOffset CreatedAt)
{
    /// <summary>Deserializes the payload.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="options">The serializer options; the default is web defaults.</param>
    /// <returns>The payload.</returns>
    public T Deserialize<T>(JsonSerializerOptions? options = null)
        => JsonSerializer.Deserialize<T>(Payload, options ?? JsonSerializerOptions.Web)
            ?? throw new JsonException($"The payload of outbox message '{MessageId}' ({MessageType}) is empty.");
}
