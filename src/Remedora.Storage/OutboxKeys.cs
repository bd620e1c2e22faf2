using System.Security.Cryptography;
using System.Text;

namespace Remedora.Storage;

/// <summary>Validates outbox message keys and derives the ids of per-handler deliveries.</summary>
internal static class OutboxKeys
{
    /// <summary>Checks a message key: 1 to <see cref="OutboxMessage.MaxKeyLength"/> characters, not blank.</summary>
    public static void Validate(string? key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0 || key.Length > OutboxMessage.MaxKeyLength || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"An outbox message key has 1 to {OutboxMessage.MaxKeyLength} characters and is not blank.", parameterName);
        }
    }

    /// <summary>Checks a message before it is staged: type, idempotency key, payload and (optional) key.</summary>
    public static void ValidateMessage(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageType, nameof(message));
        ArgumentException.ThrowIfNullOrWhiteSpace(message.IdempotencyKey, nameof(message));
        ArgumentNullException.ThrowIfNull(message.Payload, nameof(message));
        if (message.Key is { } key)
        {
            Validate(key, nameof(message));
        }
    }

    /// <summary>
    /// Derives the id of the delivery of a message to a handler, the same on every attempt to hand the message out, so
    /// two dispatchers can never create two deliveries of one message to one handler.
    /// </summary>
    public static Guid DeliveryId(TenantId tenantId, Guid messageId, string handlerName)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"outbox-delivery|{tenantId}|{messageId:D}|{handlerName}"), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (name-based, custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
