using System.Text.Json.Nodes;

namespace Remedora.Fhir.Tests;

/// <summary>
/// Direct reading of Questionnaire JSON with System.Text.Json, independent of the SDK: the questions in document order,
/// each question's answer list (answerOption, or a contained ValueSet's expansion or concepts) with the score each option
/// states (ordinalValue or itemWeight), and building QuestionnaireResponse JSON in the Questionnaire's shape.
/// </summary>
internal static class QuestionnaireJson
{
    private const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    private const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    public sealed record Option(JsonObject Value, decimal? Score);

    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static IEnumerable<JsonObject> Items(JsonObject parent)
    {
        foreach (var item in parent["item"] as JsonArray ?? [])
        {
            if (item is JsonObject obj)
            {
                yield return obj;
                foreach (var nested in Items(obj))
                {
                    yield return nested;
                }
            }
        }
    }

    public static string LinkId(JsonObject item) => item["linkId"]!.GetValue<string>();

    public static string Type(JsonObject item) => item["type"]!.GetValue<string>();

    private static decimal? ScoreOf(JsonNode? withExtensions)
    {
        foreach (var extension in withExtensions?["extension"] as JsonArray ?? [])
        {
            var url = extension?["url"]?.GetValue<string>();
            if (url is OrdinalValue or ItemWeight)
            {
                var value = extension!["valueDecimal"] ?? extension["valueInteger"];
                return value?.GetValue<decimal>();
            }
        }

        return null;
    }

    /// <summary>The item's answer options as answer JSON (<c>{"valueCoding": ...}</c>), with their stated scores.</summary>
    public static List<Option> Options(JsonObject questionnaire, JsonObject item)
    {
        var options = new List<Option>();
        foreach (var option in item["answerOption"] as JsonArray ?? [])
        {
            var value = option!.AsObject().First(p => p.Key.StartsWith("value", StringComparison.Ordinal));
            options.Add(new Option(new JsonObject { [value.Key] = value.Value!.DeepClone() }, ScoreOf(option) ?? ScoreOf(value.Value)));
        }

        if (item["answerValueSet"]?.GetValue<string>() is { } reference && reference.StartsWith('#'))
        {
            var valueSet = (questionnaire["contained"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["id"]?.GetValue<string>() == reference[1..]);
            var contains = valueSet?["expansion"]?["contains"] as JsonArray;
            if (contains is { Count: > 0 })
            {
                foreach (var concept in contains.OfType<JsonObject>())
                {
                    options.Add(new Option(Coding(concept["system"]?.GetValue<string>(), concept), ScoreOf(concept)));
                }
            }
            else
            {
                foreach (var include in valueSet?["compose"]?["include"] as JsonArray ?? [])
                {
                    foreach (var concept in include?["concept"] as JsonArray ?? [])
                    {
                        options.Add(new Option(Coding(include!["system"]?.GetValue<string>(), concept!.AsObject()), ScoreOf(concept)));
                    }
                }
            }
        }

        return options;
    }

    private static JsonObject Coding(string? system, JsonObject concept)
    {
        var coding = new JsonObject();
        if (system is not null)
        {
            coding["system"] = system;
        }

        coding["code"] = concept["code"]!.GetValue<string>();
        if (concept["display"]?.GetValue<string>() is { } display)
        {
            coding["display"] = display;
        }

        return new JsonObject { ["valueCoding"] = coding };
    }

    /// <summary>
    /// Builds a QuestionnaireResponse in the Questionnaire's shape: <paramref name="answer"/> gives each question's answers
    /// (none leaves it out); groups are kept when something under them is answered.
    /// </summary>
    public static string Response(JsonObject questionnaire, Func<JsonObject, IReadOnlyList<JsonObject>> answer)
    {
        JsonArray Build(JsonObject parent)
        {
            var result = new JsonArray();
            foreach (var item in (parent["item"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var type = Type(item);
                if (type == "display")
                {
                    continue;
                }

                if (type == "group")
                {
                    var children = Build(item);
                    if (children.Count > 0)
                    {
                        result.Add(new JsonObject { ["linkId"] = LinkId(item), ["item"] = children });
                    }

                    continue;
                }

                var answers = answer(item);
                if (answers.Count == 0)
                {
                    continue;
                }

                var array = new JsonArray(answers.Select(a => (JsonNode)a.DeepClone()).ToArray());
                var nested = Build(item);
                if (nested.Count > 0)
                {
                    array[0]!["item"] = nested;
                }

                result.Add(new JsonObject { ["linkId"] = LinkId(item), ["answer"] = array });
            }

            return result;
        }

        var url = questionnaire["url"]?.GetValue<string>();
        var version = questionnaire["version"]?.GetValue<string>();
        var response = new JsonObject { ["resourceType"] = "QuestionnaireResponse", ["status"] = "completed" };
        if (Build(questionnaire) is { Count: > 0 } items)
        {
            response["item"] = items;
        }

        if (url is not null)
        {
            response["questionnaire"] = version is null ? url : $"{url}|{version}";
        }

        return response.ToJsonString();
    }
}
