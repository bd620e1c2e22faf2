namespace Remedora.Storage;

/// <summary>
/// Turns documents into the text providers store and back, and index values into the values providers index.
/// The default writes JSON; a protecting codec also encrypts PHI fields and replaces protected index values by
/// keyed blind indexes.
/// </summary>
public interface IDocumentCodec
{
    /// <summary>Encodes a document.</summary>
    /// <param name="collection">The document's collection.</param>
    /// <param name="document">The document.</param>
    /// <returns>The stored text.</returns>
    string Encode(DocumentCollection collection, object document);

    /// <summary>Decodes a stored document.</summary>
    /// <param name="collection">The document's collection.</param>
    /// <param name="data">The stored text.</param>
    /// <returns>The document.</returns>
    object Decode(DocumentCollection collection, string data);

    /// <summary>Converts a normalised index value into the value the provider stores and compares.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="index">The index.</param>
    /// <param name="value">One field's value, normalised (text, a 64-bit integer or a UTC instant), or <see langword="null"/>.</param>
    /// <returns>The stored value: the value itself, or a blind index for protected indexes.</returns>
    object? EncodeIndexValue(DocumentCollection collection, DocumentIndex index, object? value);

    /// <summary>
    /// Encodes a queue item's payload (an outbox message's JSON) into the text the provider stores. The default stores
    /// it as it is; a protecting codec encrypts it, bound to the tenant, the queue and the message type.
    /// </summary>
    /// <param name="tenantId">The item's tenant.</param>
    /// <param name="queue">The item's queue.</param>
    /// <param name="messageType">The item's message type, if any.</param>
    /// <param name="payload">The payload.</param>
    /// <returns>The stored text.</returns>
    string EncodePayload(TenantId tenantId, string queue, string? messageType, string payload) => payload;

    /// <summary>Decodes a stored queue item's payload; a payload stored before protection was turned on is returned as it is.</summary>
    /// <param name="tenantId">The item's tenant.</param>
    /// <param name="queue">The item's queue.</param>
    /// <param name="messageType">The item's message type, if any.</param>
    /// <param name="stored">The stored text.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="Protection.PhiDecryptionException">The payload is protected and cannot be decrypted.</exception>
    string DecodePayload(TenantId tenantId, string queue, string? messageType, string stored) => stored;

    /// <summary>
    /// Encodes the free-text fields of an audit event (the break-glass reason, the detail and a disclosure's description)
    /// before the provider seals it into the chain, so the chain's hash covers the stored form and verification needs no
    /// key. The default leaves the event as it is; a protecting codec encrypts those fields.
    /// </summary>
    /// <param name="auditEvent">The event to append.</param>
    /// <returns>The event as it is to be stored.</returns>
    AuditEvent EncodeAuditEvent(AuditEvent auditEvent) => auditEvent;

    /// <summary>Decodes the fields <see cref="EncodeAuditEvent"/> encoded, for an authorised reader of the audit log; never throws on stored data.</summary>
    /// <param name="auditEvent">The event as stored.</param>
    /// <param name="decoded">The event with its fields readable; a field that cannot be decrypted keeps its stored, protected form.</param>
    /// <returns><see langword="false"/> when a protected field could not be decrypted (a missing key or an altered value).</returns>
    bool TryDecodeAuditEvent(AuditEvent auditEvent, out AuditEvent decoded)
    {
        decoded = auditEvent;
        return true;
    }
}
