using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>Writes a <see cref="FormDate"/> as its FHIR text form and reads it back.</summary>
public sealed class FormDateJsonConverter : JsonConverter<FormDate>
{
    /// <inheritdoc/>
    public override FormDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && FormDate.TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException("Expected a date string: YYYY, YYYY-MM or YYYY-MM-DD.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FormDate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
