using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora.Storage;

/// <summary>The default codec: System.Text.Json with web defaults and enums as strings, no encryption.</summary>
public sealed class JsonDocumentCodec : IDocumentCodec
{
    /// <summary>Initializes a new instance of the <see cref="JsonDocumentCodec"/> class.</summary>
    /// <param name="options">The serializer options; the default is <see cref="CreateDefaultOptions"/>.</param>
    public JsonDocumentCodec(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
    }

    /// <summary>Gets the serializer options.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Creates the default serializer options: web defaults (camelCase), enums as strings, no indentation.</summary>
    /// <returns>The options.</returns>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <inheritdoc/>
    public string Encode(DocumentCollection collection, object document)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return JsonSerializer.Serialize(document, collection.DocumentType, Options);
    }

    /// <inheritdoc/>
    public object Decode(DocumentCollection collection, string data)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return JsonSerializer.Deserialize(data, collection.DocumentType, Options)
            ?? throw new InvalidOperationException($"A stored {collection.ResourceType} document is empty.");
    }

    /// <inheritdoc/>
    public object? EncodeIndexValue(DocumentCollection collection, DocumentIndex index, object? value) => value;
}
