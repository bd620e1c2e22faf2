using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remedora.Fhir.Mapping;

/// <summary>
/// Compares two FHIR JSON trees structurally: object members in any order, numbers by value, extensions by URL (the
/// order of extensions with different URLs carries no meaning; the order of those with the same URL is kept), contained
/// resources by id.
/// </summary>
internal static class JsonShape
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, bool ignoreAssigned = false)
    {
        var differences = new List<string>();
        Compare(Normalize(expected, null), Normalize(actual, null), string.Empty, differences, ignoreAssigned);
        return differences;
    }

    public static JsonNode? Normalize(JsonNode? node, string? name)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    copy[key] = Normalize(value, key);
                }

                return copy;
            case JsonArray a:
                var items = a.Select(i => Normalize(i, null)).ToList();
                if (name is "extension" or "modifierExtension")
                {
                    items = [.. items.OrderBy(i => (i as JsonObject)?["url"]?.ToString() ?? string.Empty, StringComparer.Ordinal)];
                }
                else if (name == "contained")
                {
                    items = [.. items.OrderBy(i => (i as JsonObject)?["id"]?.ToString() ?? string.Empty, StringComparer.Ordinal)];
                }

                return new JsonArray([.. items]);
            default:
                return node?.DeepClone();
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences, bool ignoreAssigned)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (ignoreAssigned && path.Length == 0 && key is "url" or "version" && !e.ContainsKey(key))
                    {
                        continue;
                    }

                    Compare(e[key], a[key], path.Length == 0 ? key : $"{path}.{key}", differences, ignoreAssigned);
                }

                return;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    Compare(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, $"{path}[{i}]", differences, ignoreAssigned);
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                if (decimal.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) != decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture))
                {
                    differences.Add(path);
                }

                return;
            default:
                if (expected is null || actual is null || !JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add(path);
                }

                return;
        }
    }
}
