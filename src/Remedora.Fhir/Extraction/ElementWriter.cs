using System.Globalization;
using System.Text.Json.Nodes;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Intake;

namespace Remedora.Fhir.Extraction;

/// <summary>
/// Writes values into a resource under construction, as FHIR JSON, by element path (<c>Condition.code</c>,
/// <c>AllergyIntolerance.reaction.manifestation</c>, <c>Observation.value[x]</c>); which elements repeat and which
/// types an element takes come from the Firely model. The JSON is parsed by Firely at the end, which checks the types.
/// </summary>
internal static class ElementWriter
{
    private static readonly ModelInspector Inspector = ModelInfo.ModelInspector;

    /// <summary>One step of an element path.</summary>
    /// <param name="Name">The element's name without <c>[x]</c>.</param>
    /// <param name="Collection">Whether the element repeats.</param>
    /// <param name="Choice">Whether it is a choice element (<c>value[x]</c>): the JSON name takes the type as suffix.</param>
    /// <param name="Types">The FHIR type names the element takes (one for a fixed choice, <c>valueQuantity</c>).</param>
    public sealed record Step(string Name, bool Collection, bool Choice, string[] Types)
    {
        /// <summary>Gets the JSON property name for a value of <paramref name="type"/>.</summary>
        public string JsonName(string type) => Choice ? Name + char.ToUpperInvariant(type[0]) + type[1..] : Name;

        /// <summary>Gets the JSON property name of an element on the way (a choice on the way has one type).</summary>
        public string PathName => Choice ? JsonName(Types[0]) : Name;
    }

    public static bool IsResourceType(string name) => Inspector.FindClassMapping(name) is { IsResource: true };

    /// <summary>Resolves an element path (the part of an element id after the resource type) against the model.</summary>
    /// <returns>The steps; <see langword="null"/> when a name is not an element (or names a slice).</returns>
    public static List<Step>? Resolve(string resourceType, string elementPath)
    {
        var mapping = Inspector.FindClassMapping(resourceType);
        if (mapping is null)
        {
            return null;
        }

        var steps = new List<Step>();
        var segments = elementPath.Split('.');
        if (segments.Length < 2 || segments[0] != resourceType)
        {
            return null;
        }

        for (var i = 1; i < segments.Length; i++)
        {
            if (mapping is null)
            {
                return null;
            }

            // A type slice of a choice (value[x]:valueQuantity) fixes the type, as the name valueQuantity does.
            var segment = segments[i];
            var colon = segment.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (!segment[..colon].EndsWith("[x]", StringComparison.Ordinal))
                {
                    return null; // A slice of a repeating element needs the profile.
                }

                segment = segment[(colon + 1)..];
            }

            var name = segment.EndsWith("[x]", StringComparison.Ordinal) ? segment[..^3] : segment;
            var property = mapping.FindMappedElementByName(name);
            string[] types;
            if (property is null)
            {
                property = mapping.FindMappedElementByChoiceName(name);
                if (property is null || property.Choice != ChoiceType.DatatypeChoice)
                {
                    return null;
                }

                var suffix = name[property.Name.Length..];
                var fixedType = TypeNames(property).FirstOrDefault(t => string.Equals(t, suffix, StringComparison.OrdinalIgnoreCase));
                if (fixedType is null)
                {
                    return null;
                }

                types = [fixedType];
                name = property.Name;
            }
            else
            {
                types = TypeNames(property);
            }

            var choice = property.Choice == ChoiceType.DatatypeChoice;
            steps.Add(new Step(name, property.IsCollection, choice, types));
            mapping = choice ? (types.Length == 1 ? Inspector.FindClassMapping(types[0]) : null) : property.PropertyTypeMapping;
        }

        return steps;
    }

    private static string[] TypeNames(PropertyMapping property)
        => property.FhirType.Select(t => Inspector.FindClassMapping(t)?.Name).OfType<string>().ToArray();

    /// <summary>Writes a value at the end of <paramref name="steps"/>, creating the elements on the way (the last occurrence of a repeating one).</summary>
    /// <returns><see langword="false"/> when the element holds one value and has one already (the first is kept).</returns>
    public static bool Write(JsonObject start, IReadOnlyList<Step> steps, string typeName, JsonNode value)
    {
        var target = Navigate(start, steps, steps.Count - 1);
        var last = steps[^1];
        var name = last.JsonName(typeName);
        if (last.Collection)
        {
            if (target[name] is not JsonArray array)
            {
                array = [];
                target[name] = array;
            }

            array.Add(value);
            return true;
        }

        if (target.ContainsKey(name) || (last.Choice && target.Any(p => p.Key.StartsWith(last.Name, StringComparison.Ordinal) && p.Key.Length > last.Name.Length && char.IsUpper(p.Key[last.Name.Length]))))
        {
            return false;
        }

        target[name] = value;
        return true;
    }

    /// <summary>Appends a new, empty occurrence of the (backbone) element at the end of <paramref name="steps"/> and returns it.</summary>
    public static JsonObject Append(JsonObject start, IReadOnlyList<Step> steps)
    {
        var target = Navigate(start, steps, steps.Count - 1);
        var last = steps[^1];
        var created = new JsonObject();
        if (last.Collection)
        {
            if (target[last.PathName] is not JsonArray array)
            {
                array = [];
                target[last.PathName] = array;
            }

            array.Add(created);
            return created;
        }

        if (target[last.PathName] is JsonObject existing)
        {
            return existing;
        }

        target[last.PathName] = created;
        return created;
    }

    private static JsonObject Navigate(JsonObject start, IReadOnlyList<Step> steps, int count)
    {
        var current = start;
        for (var i = 0; i < count; i++)
        {
            var step = steps[i];
            if (step.Collection)
            {
                if (current[step.PathName] is not JsonArray array)
                {
                    array = [];
                    current[step.PathName] = array;
                }

                if (array.Count == 0 || array[^1] is not JsonObject last)
                {
                    last = [];
                    array.Add(last);
                }

                current = last;
            }
            else
            {
                if (current[step.PathName] is not JsonObject next)
                {
                    next = [];
                    current[step.PathName] = next;
                }

                current = next;
            }
        }

        return current;
    }

    /// <summary>Converts an answer to the JSON of the first of <paramref name="types"/> it fits.</summary>
    /// <returns>The type chosen and the JSON; <see langword="null"/> when it fits none.</returns>
    public static (string Type, JsonNode Value)? Convert(AnswerValue answer, IReadOnlyList<string> types, FormCoding? unit)
    {
        foreach (var type in Preferred(answer))
        {
            if (types.Contains(type, StringComparer.Ordinal) && ToJson(answer, type, unit) is { } json)
            {
                return (type, json);
            }
        }

        return null;
    }

    private static string[] Preferred(AnswerValue answer) => answer switch
    {
        CodingAnswer => ["CodeableConcept", "Coding", "code", "string"],
        StringAnswer => ["string", "markdown", "CodeableConcept", "code"],
        BooleanAnswer => ["boolean"],
        IntegerAnswer => ["integer", "positiveInt", "unsignedInt", "decimal", "Quantity", "Age", "Duration", "Count"],
        DecimalAnswer => ["decimal", "Quantity", "Age", "Duration"],
        DateAnswer => ["date", "dateTime"],
        DateTimeAnswer => ["dateTime", "instant"],
        TimeAnswer => ["time"],
        UriAnswer => ["uri", "url", "canonical", "string"],
        QuantityAnswer => ["Quantity", "Age", "Duration", "Distance", "Count"],
        ReferenceAnswer => ["Reference"],
        AttachmentAnswer => ["Attachment"],
        _ => [],
    };

    private static JsonNode? ToJson(AnswerValue answer, string type, FormCoding? unit)
    {
        switch (answer, type)
        {
            case (CodingAnswer c, "CodeableConcept"):
                return new JsonObject { ["coding"] = new JsonArray(Complex(answer)) };
            case (CodingAnswer, "Coding"):
                return Complex(answer);
            case (CodingAnswer c, "code"):
                return c.Value.Code is { } code ? JsonValue.Create(code) : null;
            case (CodingAnswer c, "string"):
                return (c.Value.Display ?? c.Value.Code) is { } text ? JsonValue.Create(text) : null;
            case (StringAnswer s, "CodeableConcept"):
                return new JsonObject { ["text"] = s.Value };
            case (StringAnswer s, _):
                return JsonValue.Create(s.Value);
            case (BooleanAnswer b, _):
                return JsonValue.Create(b.Value);
            case (IntegerAnswer i, "integer" or "decimal"):
                return JsonValue.Create(i.Value);
            case (IntegerAnswer i, "positiveInt"):
                return i.Value > 0 ? JsonValue.Create(i.Value) : null;
            case (IntegerAnswer i, "unsignedInt"):
                return i.Value >= 0 ? JsonValue.Create(i.Value) : null;
            case (IntegerAnswer i, _):
                return Quantity(i.Value, unit);
            case (DecimalAnswer d, "decimal"):
                return JsonValue.Create(d.Value);
            case (DecimalAnswer d, _):
                return Quantity(d.Value, unit);
            case (DateAnswer d, _):
                return JsonValue.Create(d.Value.ToString());
            case (DateTimeAnswer dt, _):
                return JsonValue.Create(dt.Value.ToString());
            case (TimeAnswer t, _):
                return JsonValue.Create(t.FormatValue());
            case (UriAnswer u, _):
                return JsonValue.Create(u.Value);
            case (QuantityAnswer or ReferenceAnswer or AttachmentAnswer, _):
                return Complex(answer);
            default:
                return null;
        }
    }

    private static JsonObject Quantity(decimal value, FormCoding? unit)
    {
        var quantity = new JsonObject { ["value"] = value };
        if (unit is not null)
        {
            if ((unit.Display ?? unit.Code) is { } text)
            {
                quantity["unit"] = text;
            }

            if (unit.System is { } system)
            {
                quantity["system"] = system;
            }

            if (unit.Code is { } code)
            {
                quantity["code"] = code;
            }
        }

        return quantity;
    }

    private static JsonObject Complex(AnswerValue answer) => (JsonObject)JsonNode.Parse(FhirFormats.ToJson(AnswerPoco.ToPoco(answer)))!;

    /// <summary>Reads the <c>value[x]</c> of an extension (or a sub-extension) as written: its type and JSON.</summary>
    public static (string Type, JsonNode Value)? ExtensionValue(JsonObject extension)
    {
        foreach (var (key, node) in extension)
        {
            if (key.StartsWith("value", StringComparison.Ordinal) && key.Length > 5 && node is not null)
            {
                var suffix = key[5..];
                var type = Inspector.FindClassMapping(suffix)?.Name ?? (char.ToLowerInvariant(suffix[0]) + suffix[1..]);
                return (type, node.DeepClone());
            }
        }

        return null;
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
