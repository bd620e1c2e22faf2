using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>Writes a <see cref="Jurisdiction"/> as its JSON string code and reads it back.</summary>
public sealed class JurisdictionJsonConverter : JsonConverter<Jurisdiction>
{
    /// <inheritdoc/>
    public override Jurisdiction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && Jurisdiction.TryParse(reader.GetString(), out var j)
            ? j
            : throw new JsonException("Expected a jurisdiction: an ISO 3166 code string such as 'US-CA'.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Jurisdiction value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsEmpty)
        {
            throw new JsonException("An empty jurisdiction (default(Jurisdiction)) cannot be written: it could not be read back. Set the jurisdiction, or make the property nullable.");
        }

        writer.WriteStringValue(value.Code);
    }
}
