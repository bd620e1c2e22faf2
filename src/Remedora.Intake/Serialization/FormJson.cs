using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Remedora.Intake.Serialization;

/// <summary>
/// Reads and writes form definitions and responses as JSON (System.Text.Json, source-generated), so teams can keep forms
/// as files. Property names are camelCase; empty lists, <see langword="false"/> flags and nulls are left out.
/// </summary>
public static class FormJson
{
    private static readonly JsonSerializerOptions Indented = CreateOptions(writeIndented: true);
    private static readonly JsonSerializerOptions Compact = CreateOptions(writeIndented: false);

    /// <summary>Gets a resolver of the intake types' JSON contracts, to combine into an application's own options.</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver { get; } = IntakeJsonContext.Default.WithAddedModifier(OmitEmpty);

    /// <summary>Gets the options the intake JSON form uses (compact).</summary>
    public static JsonSerializerOptions Options => Compact;

    /// <summary>Writes a definition as JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="indented">Whether to indent the JSON (for files people read).</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(FormDefinition definition, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, Info<FormDefinition>(indented));
    }

    /// <summary>Writes a definition as compact UTF-8 JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] SerializeToUtf8Bytes(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.SerializeToUtf8Bytes(definition, Info<FormDefinition>(false));
    }

    /// <summary>Writes a response as JSON.</summary>
    /// <param name="response">The response.</param>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(FormResponse response, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonSerializer.Serialize(response, Info<FormResponse>(indented));
    }

    /// <summary>Reads a definition from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition. Delegate expressions are bound when the definition is compiled (see <see cref="Expressions.DelegateExpressionLanguage"/>).</returns>
    /// <exception cref="FormJsonException">The JSON is not a valid definition; the exception says where and what is wrong (never the values read).</exception>
    public static FormDefinition DeserializeDefinition(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FormJsonReader.Read(() => JsonSerializer.Deserialize(json, Info<FormDefinition>(false)), Compact, FormJsonReader.Definition);
    }

    /// <summary>Reads a definition from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormJsonException">The JSON is not a valid definition; the exception says where and what is wrong (never the values read).</exception>
    public static FormDefinition DeserializeDefinition(ReadOnlySpan<byte> utf8Json)
    {
        FormDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(utf8Json, Info<FormDefinition>(false));
        }
        catch (Exception ex) when (FormJsonReader.IsReadFailure(ex))
        {
            throw FormJsonReader.Translate(ex, FormJsonReader.Definition);
        }

        return FormJsonReader.Check(definition, Compact, FormJsonReader.Definition);
    }

    /// <summary>Reads a response from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The response.</returns>
    /// <exception cref="FormJsonException">The JSON is not a valid response; the exception says where and what is wrong (never the answers read).</exception>
    public static FormResponse DeserializeResponse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FormJsonReader.Read(() => JsonSerializer.Deserialize(json, Info<FormResponse>(false)), Compact, FormJsonReader.Response);
    }

    private static JsonTypeInfo<T> Info<T>(bool indented) => (JsonTypeInfo<T>)(indented ? Indented : Compact).GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(IntakeJsonContext.Default.Options)
        {
            WriteIndented = writeIndented,
            TypeInfoResolver = IntakeJsonContext.Default.WithAddedModifier(OmitEmpty),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmpty(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        if (info.Type.IsAbstract && info.PolymorphismOptions is { } polymorphism)
        {
            // Without its discriminator a value of an abstract type cannot be created; System.Text.Json would throw
            // NotSupportedException without a path. A JsonException here gets the path and line of the value.
            var message = FormJsonReader.MissingDiscriminatorMessage(polymorphism.TypeDiscriminatorPropertyName);
            info.CreateObject = () => throw new JsonException(message);
        }

        foreach (var property in info.Properties)
        {
            if (property.IsRequired || property.AssociatedParameter is { IsMemberInitializer: false })
            {
                continue;
            }

            if (property.PropertyType == typeof(bool))
            {
                property.ShouldSerialize = static (_, value) => value is true;
            }
            else if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string))
            {
                property.ShouldSerialize = static (_, value) => !IsEmptyCollection(value);
            }
        }
    }

    private static bool IsEmptyCollection(object? value)
    {
        if (value is null)
        {
            return true;
        }

        if (value is ICollection collection)
        {
            return collection.Count == 0;
        }

        var enumerator = ((IEnumerable)value).GetEnumerator();
        try
        {
            return !enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}
