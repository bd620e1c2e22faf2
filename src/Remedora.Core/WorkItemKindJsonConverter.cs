using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>Writes a <see cref="WorkItemKind"/> as its JSON string and reads it back.</summary>
public sealed class WorkItemKindJsonConverter : JsonConverter<WorkItemKind>
{
    /// <inheritdoc/>
    public override WorkItemKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= 64 } s
            ? new WorkItemKind(s)
            : throw new JsonException("Expected a work item kind: a string of 1 to 64 characters.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, WorkItemKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
