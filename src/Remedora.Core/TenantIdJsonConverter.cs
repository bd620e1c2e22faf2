using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>Writes a <see cref="TenantId"/> as its JSON string slug and reads it back.</summary>
public sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    /// <inheritdoc/>
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && TenantId.TryParse(reader.GetString(), out var id))
        {
            return id;
        }

        throw new JsonException("Expected a tenant id: a string of 1 to 63 characters a-z, 0-9 and '-'.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsEmpty)
        {
            throw new JsonException("An empty tenant id (default(TenantId)) cannot be written: it could not be read back. Set the tenant, or make the property nullable.");
        }

        writer.WriteStringValue(value.Value);
    }
}
