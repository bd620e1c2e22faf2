using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>Writes a <see cref="FormDateTime"/> as its FHIR text form and reads it back.</summary>
public sealed class FormDateTimeJsonConverter : JsonConverter<FormDateTime>
{
    /// <inheritdoc/>
    public override FormDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && FormDateTime.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected a dateTime string such as 2024-05-17T09:30:00Z.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FormDateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
