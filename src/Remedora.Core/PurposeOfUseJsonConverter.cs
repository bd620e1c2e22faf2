using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>Writes a <see cref="PurposeOfUse"/> as its JSON string code and reads it back.</summary>
public sealed class PurposeOfUseJsonConverter : JsonConverter<PurposeOfUse>
{
    /// <inheritdoc/>
    public override PurposeOfUse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        try
        {
            return new PurposeOfUse(code!);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("Expected a purpose of use: an HL7 v3 PurposeOfUse code string such as 'TREAT'.", ex);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, PurposeOfUse value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
}
