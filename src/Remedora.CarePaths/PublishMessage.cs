namespace Remedora.CarePaths;

/// <summary>Publishes an outbox message, delivered after commit at least once.</summary>
/// <param name="MessageType">The message type, for example <c>care-paths.case-escalated</c>.</param>
/// <param name="Payload">The payload, serialized as JSON. Carry ids and codes, never patient details.</param>
public sealed record PublishMessage(string MessageType, object Payload) : PathEffect;
