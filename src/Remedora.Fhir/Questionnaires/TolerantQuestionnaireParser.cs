using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// Parses Questionnaire JSON with Firely's deserializer and repairs the small defects whose meaning is clear (a number or
/// boolean written as a string, a time in an integer, an id or uri that breaks its R4 format): each repair becomes a
/// typed warning with its FHIR path and a code, never the value. In strict mode the same defects are refused, naming
/// the path and the rule. Anything else is refused as before.
/// </summary>
internal static partial class TolerantQuestionnaireParser
{
    // Firely's codes: PVAL123 a literal of the wrong JSON type, PVAL124 a literal that breaks its type's format.
    private const string WrongLiteralType = "PVAL123";
    private const string BadLiteralFormat = "PVAL124";
    private const int MaxRounds = 4;

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    // Elements of type id, uri, url or canonical whose format R4 restricts; a value that breaks it keeps its meaning.
    private static readonly HashSet<string> IdElements = new(StringComparer.Ordinal) { "name", "id" };
    private static readonly HashSet<string> UriElements = new(StringComparer.Ordinal)
    {
        "valueUri", "valueUrl", "valueCanonical", "url", "system", "definition", "answerValueSet", "derivedFrom", "profile", "source",
    };

    public static Questionnaire ParseJson(string json, bool strict, List<QuestionnaireImportIssue> repairs)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ItemNesting.FindTooDeepJson(json) is { } deep)
        {
            throw FhirFormatException.NestedTooDeep(typeof(Questionnaire), "JSON", deep);
        }

        string text = json;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (int round = 0; ; round++)
        {
            DeserializationFailedException failed;
            try
            {
                return Expect(Deserializer.Deserialize<Resource>(text));
            }
            catch (DeserializationFailedException ex)
            {
                failed = ex;
            }
            catch (FhirFormatException)
            {
                throw;
            }
#pragma warning disable CA1031 // Any other failure of the parser is wrapped: its message can quote the text.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                throw FhirFormatException.Invalid(typeof(Questionnaire), "JSON", ex);
            }

            var errors = failed.Exceptions.Select(e => (Code: e.ErrorCode ?? string.Empty, Path: (e as ExtendedCodedException)?.InstancePath ?? "$")).ToList();
            if (errors.Any(e => e.Code is not (WrongLiteralType or BadLiteralFormat)) || failed.PartialResult is null || round >= MaxRounds)
            {
                throw Refused([.. errors.Select(e => new FhirFormatError(e.Path, RuleOf(e.Code)))], repairable: false);
            }

            var tree = JsonNode.Parse(text) as JsonObject ?? throw FhirFormatException.Invalid(typeof(Questionnaire), "JSON", failed);
            var refusals = new List<FhirFormatError>();
            var changed = false;
            var formatOnly = true;
            foreach (var (code, path) in errors)
            {
                var found = Locate(tree, path);
                var repair = found is { } f ? Classify(code, f.Parent, f.Name) : null;
                if (repair is null)
                {
                    refusals.Add(new FhirFormatError(path, RuleOf(code)));
                    continue;
                }

                var (issueCode, rule, apply) = repair.Value;
                var fhirPath = PathWithName(path, found!.Value.Name);
                if (strict)
                {
                    refusals.Add(new FhirFormatError(fhirPath, issueCode));
                    continue;
                }

                if (reported.Add($"{fhirPath} {issueCode}"))
                {
                    repairs.Add(new QuestionnaireImportIssue(fhirPath, issueCode, $"{rule} The value was read with its evident meaning; correct the Questionnaire.", ImportIssueSeverity.Warning));
                }

                if (apply is not null)
                {
                    apply();
                    changed = true;
                    formatOnly = false;
                }
            }

            if (refusals.Count > 0)
            {
                throw Refused(refusals, repairable: strict);
            }

            if (formatOnly && !changed)
            {
                // Only format rules are broken: Firely kept every value, as written, in its partial result.
                return Expect(failed.PartialResult as Resource);
            }

            text = tree.ToJsonString();
        }
    }

    private static FhirFormatException Refused(List<FhirFormatError> errors, bool repairable)
    {
        var first = errors.Count == 0 ? new FhirFormatError("$", "invalid") : errors[0];
        return new FhirFormatException(
            $"The JSON text is not a valid FHIR R4 Questionnaire ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}; first at {first.Path}: {Describe(first.Code)} [{first.Code}]). {(repairable ? "Correct the Questionnaire, or import it without QuestionnaireImportOptions.Strict to repair the defects whose meaning is clear." : "Check it against the FHIR R4 JSON format.")}",
            errors);
    }

    // Firely's error codes (JSON113, PVAL123, ...) by the rule each names, from the constants its exceptions declare
    // (UNKNOWN_PROPERTY_FOUND_CODE becomes unknown-property-found).
    private static readonly Lazy<Dictionary<string, string>> Rules = new(() =>
    {
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(FhirJsonException), typeof(Hl7.Fhir.Validation.CodedValidationException) })
        {
            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                if (field.IsLiteral && field.FieldType == typeof(string) && field.Name.EndsWith("_CODE", StringComparison.Ordinal) && field.GetRawConstantValue() is string value)
                {
                    rules.TryAdd(value, field.Name[..^"_CODE".Length].ToLowerInvariant().Replace('_', '-'));
                }
            }
        }

        return rules;
    });

    private static string Describe(string code) => code switch
    {
        QuestionnaireImportIssueCodes.NumberAsString => "a number is written as a JSON string",
        QuestionnaireImportIssueCodes.BooleanAsString => "a boolean is written as a JSON string",
        QuestionnaireImportIssueCodes.TimeAsInteger => "an integer element holds a time",
        QuestionnaireImportIssueCodes.IdInvalid => "an id breaks the R4 id format ([A-Za-z0-9\\-\\.]{1,64})",
        QuestionnaireImportIssueCodes.UriInvalid => "a uri holds characters R4 does not allow in a uri",
        "literal-wrong-json-type" => "a value has the wrong JSON type for its element",
        "literal-bad-format" => "a value breaks the format of its element's type",
        _ => code.Replace('-', ' '),
    };

    private static string RuleOf(string code) => code switch
    {
        WrongLiteralType => "literal-wrong-json-type",
        BadLiteralFormat => "literal-bad-format",
        _ => Rules.Value.TryGetValue(code, out var rule) ? rule : code,
    };

    private static (string Code, string Rule, Action? Apply)? Classify(string code, JsonObject parent, string name)
    {
        if (parent[name] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        if (code == WrongLiteralType)
        {
            var expected = ExpectedType(name);
            if (expected is "Integer" && TimePattern().IsMatch(text))
            {
                var prefix = name[..^"Integer".Length];
                return (QuestionnaireImportIssueCodes.TimeAsInteger, "An integer element holds a time; it was read as a time.", () => Rename(parent, name, prefix + "Time"));
            }

            if (expected is null or "Boolean" && text is "true" or "false")
            {
                return (QuestionnaireImportIssueCodes.BooleanAsString, "A boolean is written as a JSON string.", () => parent[name] = text == "true");
            }

            if (expected is null or "Integer" or "Decimal" or "UnsignedInt" or "PositiveInt" or "Integer64"
                && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
                && NumberPattern().IsMatch(text))
            {
                return (QuestionnaireImportIssueCodes.NumberAsString, "A number is written as a JSON string.", () => parent[name] = JsonNode.Parse(text));
            }

            return null;
        }

        if (code == BadLiteralFormat)
        {
            if (IdElements.Contains(name))
            {
                return (QuestionnaireImportIssueCodes.IdInvalid, "An id breaks the R4 id format.", null);
            }

            if (UriElements.Contains(name))
            {
                return (QuestionnaireImportIssueCodes.UriInvalid, "A uri holds characters R4 does not allow.", null);
            }
        }

        return null;
    }

    private static string? ExpectedType(string name)
    {
        foreach (var prefix in new[] { "value", "answer" })
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(name[prefix.Length]))
            {
                return name[prefix.Length..];
            }
        }

        return null;
    }

    private static void Rename(JsonObject parent, string from, string to)
    {
        var value = parent[from];
        parent.Remove(from);
        parent[to] = value;
    }

    /// <summary>Finds the JSON property a Firely instance path (<c>Questionnaire.item[0].initial[0].value</c>) names.</summary>
    private static (JsonObject Parent, string Name)? Locate(JsonObject root, string path)
    {
        var segments = path.Split('.');
        JsonObject current = root;
        for (int i = 1; i < segments.Length; i++)
        {
            var match = SegmentPattern().Match(segments[i]);
            if (!match.Success)
            {
                return null;
            }

            var name = Resolve(current, match.Groups[1].Value);
            if (name is null)
            {
                return null;
            }

            var node = current[name];
            if (match.Groups[2].Success)
            {
                if (node is not JsonArray array || !int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var index) || index >= array.Count)
                {
                    return null;
                }

                node = array[index];
            }

            if (i == segments.Length - 1)
            {
                return match.Groups[2].Success ? null : (current, name);
            }

            if (node is not JsonObject next)
            {
                return null;
            }

            current = next;
        }

        return null;
    }

    // A choice element (value[x], answer[x]) is named without its type in Firely's paths.
    private static string? Resolve(JsonObject obj, string name)
        => obj.ContainsKey(name) ? name : obj.Select(p => p.Key).FirstOrDefault(k => k.Length > name.Length && k.StartsWith(name, StringComparison.Ordinal) && char.IsUpper(k[name.Length]));

    private static string PathWithName(string path, string name)
    {
        var cut = path.LastIndexOf('.');
        return cut < 0 ? path : $"{path[..cut]}.{name}";
    }

    private static Questionnaire Expect(Resource? resource)
        => resource as Questionnaire ?? throw FhirFormatException.WrongType(typeof(Questionnaire), resource?.TypeName, "JSON");

    [GeneratedRegex(@"^([A-Za-z]+)(?:\[(\d+)\])?$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();
}
