using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Remedora.Clinical;

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
    /// <exception cref="FormJsonException">The JSON is not a valid definition; the exception says where.</exception>
    public static FormDefinition DeserializeDefinition(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(() => JsonSerializer.Deserialize(json, Info<FormDefinition>(false)), "form definition");
    }

    /// <summary>Reads a definition from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormJsonException">The JSON is not a valid definition; the exception says where.</exception>
    public static FormDefinition DeserializeDefinition(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, Info<FormDefinition>(false)) ?? throw new FormJsonException("form definition", "$", null, null);
        }
        catch (JsonException ex)
        {
            throw new FormJsonException("form definition", ex.Path, ex.LineNumber, ex);
        }
    }

    /// <summary>Reads a response from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The response.</returns>
    /// <exception cref="FormJsonException">The JSON is not a valid response; the exception says where.</exception>
    public static FormResponse DeserializeResponse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(() => JsonSerializer.Deserialize(json, Info<FormResponse>(false)), "form response");
    }

    private static T Read<T>(Func<T?> read, string what)
        where T : class
    {
        try
        {
            return read() ?? throw new FormJsonException(what, "$", null, null);
        }
        catch (JsonException ex)
        {
            throw new FormJsonException(what, ex.Path, ex.LineNumber, ex);
        }
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

/// <summary>JSON text is not a valid form definition or response.</summary>
public sealed class FormJsonException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.invalid_json";

    /// <summary>Initializes a new instance of the <see cref="FormJsonException"/> class.</summary>
    /// <param name="what">What was being read, for example <c>form definition</c>.</param>
    /// <param name="path">The JSON path of the problem.</param>
    /// <param name="line">The 0-based line of the problem.</param>
    /// <param name="innerException">The reader's exception.</param>
    public FormJsonException(string what, string? path, long? line, Exception? innerException)
        : base(ErrorCode, $"The JSON is not a valid {what}: the problem is at {path ?? "$"}{(line is { } l ? $" (line {l + 1})" : string.Empty)}. Check that property's name, type and required values.", innerException)
    {
        JsonPath = path;
        LineNumber = line;
    }

    /// <summary>Gets the JSON path of the problem.</summary>
    public string? JsonPath { get; }

    /// <summary>Gets the 0-based line of the problem.</summary>
    public long? LineNumber { get; }
}

/// <summary>Writes enum values as camelCase strings.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<FormItemType>),
        typeof(CamelCaseEnumConverter<FormStatus>),
        typeof(CamelCaseEnumConverter<EnableBehavior>),
        typeof(CamelCaseEnumConverter<ComparisonOperator>),
        typeof(CamelCaseEnumConverter<ConstraintSeverity>),
        typeof(CamelCaseEnumConverter<QuantityComparator>),
        typeof(CamelCaseEnumConverter<ValueSetConceptSource>),
        typeof(CamelCaseEnumConverter<ScoreMethod>),
        typeof(CamelCaseEnumConverter<RedFlagSeverity>),
        typeof(CamelCaseEnumConverter<RedFlagAction>),
    ])]
[JsonSerializable(typeof(FormDefinition))]
[JsonSerializable(typeof(FormResponse))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
