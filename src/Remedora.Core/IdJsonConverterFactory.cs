using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>Writes every <see cref="Id{T}"/> as its JSON string text form and reads it back.</summary>
public sealed class IdJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Id<>);

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var converterType = typeof(IdJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]);
        return (JsonConverter)Activator.CreateInstance(converterType)!;
    }

    private sealed class IdJsonConverter<T> : JsonConverter<Id<T>>
    {
        public override Id<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var guid) && guid != Guid.Empty)
            {
                return new Id<T>(guid);
            }

            throw new JsonException($"Expected an Id<{typeof(T).Name}> as a non-empty GUID string.");
        }

        public override void Write(Utf8JsonWriter writer, Id<T> value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.IsEmpty ? throw EmptyId() : value.Value);

        public override Id<T> ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (Guid.TryParseExact(reader.GetString(), "D", out var guid) && guid != Guid.Empty)
            {
                return new Id<T>(guid);
            }

            throw new JsonException($"Expected an Id<{typeof(T).Name}> property name as a non-empty GUID.");
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, Id<T> value, JsonSerializerOptions options)
            => writer.WritePropertyName(value.IsEmpty ? throw EmptyId() : value.ToString());

        private static JsonException EmptyId()
            => new($"An empty Id<{typeof(T).Name}> (default) cannot be written: it could not be read back. Assign an id (Id<{typeof(T).Name}>.New()), or make the property nullable.");
    }
}
