using System.Collections;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Remedora.Intake.Serialization;

/// <summary>
/// Turns every way reading form JSON can fail into a <see cref="FormJsonException"/> with a JSON path and a problem in
/// the SDK's own words: the reader's messages are never passed on, since some of them quote the input (an unknown
/// discriminator, an unexpected character) and the input may hold a patient's answers.
/// </summary>
internal static partial class FormJsonReader
{
    public const string Definition = "form definition";
    public const string Response = "form response";

    private const string NotWellFormed = "the text is not well-formed JSON (an unexpected character, a missing delimiter or the end of the text too early)";
    private const string MissingRequired = "an object is missing a required property";
    private const string BadDiscriminator = "a value's type discriminator is unknown or is not a string";
    private const string NullNotAllowed = "a property that needs a value is null";
    private const string WrongType = "a value has the wrong JSON type for its property, or is out of range";
    private const string TooDeep = "the JSON nests too deeply";
    private const string BadMetadata = "a metadata property ($id, $ref, $values or a misplaced $type) is not allowed here";
    private const string Duplicate = "a property appears twice in one object";
    private const string BadDate = "a date is not in the form YYYY, YYYY-MM or YYYY-MM-DD";
    private const string BadDateTime = "a dateTime is not in the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with an optional fraction and offset";
    private const string BadText = "the text is not valid Unicode (an unpaired surrogate)";
    private const string NullDocument = "the document is null, not an object";
    private const string NullEntry = "a list has a null entry";
    private const string NullMapValue = "a map has a null value";
    private const string Generic = "a property has the wrong name, type or value";

    private static readonly Lazy<FrozenSet<string>> KnownNames = new(CollectKnownNames);

    /// <summary>Gets the message of the <see cref="JsonException"/> thrown for a value of an abstract type without its discriminator.</summary>
    /// <param name="discriminator">The discriminator's property name.</param>
    /// <returns>The message; it names the discriminator, never a value.</returns>
    public static string MissingDiscriminatorMessage(string? discriminator)
        => $"{MissingDiscriminatorPrefix}'{discriminator ?? "$type"}'.";

    private const string MissingDiscriminatorPrefix = "A value of a polymorphic type has no type discriminator: add its first property ";

    /// <summary>Reads with <paramref name="read"/>, translating every failure, then checks the object graph.</summary>
    public static T Read<T>(Func<T?> read, JsonSerializerOptions options, string what)
        where T : class
    {
        T? value;
        try
        {
            value = read();
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Translate(ex, what);
        }

        return Check(value, options, what);
    }

    /// <summary>Determines whether an exception is one that malformed input can make the reader throw.</summary>
    public static bool IsReadFailure(Exception ex)
        => ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException
            or OverflowException or KeyNotFoundException or IndexOutOfRangeException or InvalidCastException or NullReferenceException
            or DecoderFallbackException;

    /// <summary>Translates a reader failure into a <see cref="FormJsonException"/> without the reader's message.</summary>
    public static FormJsonException Translate(Exception ex, string what)
    {
        switch (ex)
        {
            case JsonException json:
                return new FormJsonException(what, SanitizePath(json.Path), json.LineNumber, json.BytePositionInLine, Classify(json));

            case NotSupportedException notSupported when PathInMessage().Match(notSupported.Message) is { Success: true } match:
                return new FormJsonException(
                    what,
                    SanitizePath(match.Groups["path"].Value),
                    long.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["pos"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    notSupported.Message.Contains("discriminator", StringComparison.OrdinalIgnoreCase) || notSupported.Message.Contains("abstract", StringComparison.OrdinalIgnoreCase)
                        ? "a value of a polymorphic type has no type discriminator"
                        : Generic);

            case ArgumentException or InvalidOperationException or DecoderFallbackException when ex.Message.Contains("transcode", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("UTF", StringComparison.Ordinal):
                return new FormJsonException(what, "$", null, null, BadText);

            default:
                return new FormJsonException(what, "$", null, null, Generic);
        }
    }

    /// <summary>Checks what the reader built: not null, and no null entries in its lists or maps.</summary>
    public static T Check<T>(T? value, JsonSerializerOptions options, string what)
        where T : class
    {
        if (value is null)
        {
            throw new FormJsonException(what, "$", 0, null, NullDocument);
        }

        Walk(value, options.GetTypeInfo(typeof(T)), options, "$", what, 0);
        return value;
    }

    private static void Walk(object value, JsonTypeInfo declared, JsonSerializerOptions options, string path, string what, int depth)
    {
        if (depth > 256)
        {
            throw new FormJsonException(what, path, null, null, TooDeep);
        }

        var info = Runtime(value, declared, options);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (property.Get is not { } get || get(value) is not { } child || child is string)
                    {
                        continue;
                    }

                    if (options.TryGetTypeInfo(property.PropertyType, out var childInfo) && childInfo.Kind != JsonTypeInfoKind.None)
                    {
                        Walk(child, childInfo, options, path + "." + property.Name, what, depth + 1);
                    }
                }

                break;

            case JsonTypeInfoKind.Enumerable when info.ElementType is { } elementType:
                var elementInfo = options.TryGetTypeInfo(elementType, out var e) ? e : null;
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    var itemPath = $"{path}[{index}]";
                    if (item is null)
                    {
                        if (!elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is null)
                        {
                            throw new FormJsonException(what, itemPath, null, null, NullEntry);
                        }
                    }
                    else if (item is not string && elementInfo is { Kind: not JsonTypeInfoKind.None })
                    {
                        Walk(item, elementInfo, options, itemPath, what, depth + 1);
                    }

                    index++;
                }

                break;

            case JsonTypeInfoKind.Dictionary:
                foreach (var entry in (IEnumerable)value)
                {
                    if (entry?.GetType().GetProperty("Value")?.GetValue(entry) is null)
                    {
                        throw new FormJsonException(what, path + "[*]", null, null, NullMapValue);
                    }
                }

                break;
        }
    }

    private static JsonTypeInfo Runtime(object value, JsonTypeInfo declared, JsonSerializerOptions options)
    {
        var type = value.GetType();
        if (type == declared.Type || declared.PolymorphismOptions is null)
        {
            return declared;
        }

        return options.TryGetTypeInfo(type, out var derived) ? derived : declared;
    }

    private static string Classify(JsonException ex)
    {
        var message = ex.Message;
        if (message.StartsWith(MissingDiscriminatorPrefix, StringComparison.Ordinal))
        {
            return "a value of a polymorphic type has no type discriminator";
        }

        if (ex.InnerException is { } inner && inner.GetType().Name == "JsonReaderException")
        {
            return NotWellFormed;
        }

        if (ex.GetType().Name == "JsonReaderException")
        {
            return NotWellFormed;
        }

        return message switch
        {
            _ when message.StartsWith("Expected a date string", StringComparison.Ordinal) => BadDate,
            _ when message.StartsWith("Expected a dateTime string", StringComparison.Ordinal) => BadDateTime,
            _ when message.Contains("required properties", StringComparison.OrdinalIgnoreCase) => MissingRequired,
            _ when message.Contains("discriminator", StringComparison.OrdinalIgnoreCase) => BadDiscriminator,
            _ when message.Contains("metadata", StringComparison.OrdinalIgnoreCase) || message.Contains("'$", StringComparison.Ordinal) => BadMetadata,
            _ when message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("allow", StringComparison.OrdinalIgnoreCase) => NullNotAllowed,
            _ when message.Contains("depth", StringComparison.OrdinalIgnoreCase) => TooDeep,
            _ when message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) => Duplicate,
            _ when message.Contains("could not be converted", StringComparison.OrdinalIgnoreCase) => WrongType,
            _ => Generic,
        };
    }

    /// <summary>
    /// Keeps the parts of a reader's path that are names of the form model or array indexes; any other name (a map key,
    /// an unknown property) could be text of the input and becomes <c>[*]</c>.
    /// </summary>
    internal static string SanitizePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return "$";
        }

        var known = KnownNames.Value;
        var result = new StringBuilder("$");
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                Append(result, path[(i + 1)..end], known);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    result.Append("[*]");
                    break;
                }

                Append(result, path[(i + 2)..end], known);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                var inside = end < 0 ? string.Empty : path[(i + 1)..end];
                if (end < 0 || inside.Length == 0 || !inside.All(char.IsAsciiDigit))
                {
                    result.Append("[*]");
                    break;
                }

                result.Append('[').Append(inside).Append(']');
                i = end + 1;
            }
            else
            {
                result.Append("[*]");
                break;
            }
        }

        return result.ToString();

        static void Append(StringBuilder result, string name, FrozenSet<string> known)
        {
            if (known.Contains(name))
            {
                result.Append('.').Append(name);
            }
            else
            {
                result.Append("[*]");
            }
        }
    }

    private static FrozenSet<string> CollectKnownNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "$type", "$id", "$ref", "$values" };
        var options = FormJson.Options;
        foreach (var type in typeof(FormJson).Assembly.GetTypes())
        {
            if (type.IsGenericTypeDefinition || type.ContainsGenericParameters)
            {
                continue;
            }

            try
            {
                if (!options.TryGetTypeInfo(type, out var info) || info.Kind != JsonTypeInfoKind.Object)
                {
                    continue;
                }

                foreach (var property in info.Properties)
                {
                    names.Add(property.Name);
                }

                if (info.PolymorphismOptions?.TypeDiscriminatorPropertyName is { } discriminator)
                {
                    names.Add(discriminator);
                }
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
            {
                // Not a type of the form model.
            }
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"Path: (?<path>\$.*?) \| LineNumber: (?<line>\d+) \| BytePositionInLine: (?<pos>\d+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PathInMessage();
}
