using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Remedora.Intake.Serialization;

namespace Remedora.Intake.Tests.Serialization;

/// <summary>
/// Malformed form and response JSON, made by mutating valid documents (deleted properties, swapped types, dropped
/// discriminators, planted keys, truncation, random bytes): every entry point of <see cref="FormJson"/> either reads it
/// or throws <see cref="FormJsonException"/> with a path, and no message ever contains planted answer text.
/// </summary>
public class FormJsonPropertyTests
{
    private const int Iterations = 4_000;
    private const string Marker = "QzvxPlnt";

    private static readonly string DefinitionJson = FormJson.Serialize(FormJsonTests.KitchenSink(), indented: true);

    private static readonly string ResponseJson = FormJson.Serialize(new FormResponse
    {
        Form = new FormVersionReference("https://forms.remedora.test/kitchen-sink", "3.0.0"),
        Items =
        [
            new ResponseItem { LinkId = "g", Text = Marker + "-item-text", Items = [ResponseItem.Question("q-string", AnswerValue.Of(Marker + "-answer-1"))] },
            new ResponseItem
            {
                LinkId = "q-all",
                Answers = FormJsonTests.EveryValue.Append(AnswerValue.Of(Marker + "-answer-2")).Select(v => new ResponseAnswer(v) { Items = [ResponseItem.Question("child", v)] }).ToArray(),
            },
        ],
    });

    [Fact]
    public void Deserialize_MutatedDefinitionJson_OnlyFormJsonExceptionWithPathAndNoPlantedText()
        => Run(DefinitionJson, isDefinition: true);

    [Fact]
    public void Deserialize_MutatedResponseJson_OnlyFormJsonExceptionWithPathAndNoPlantedText()
        => Run(ResponseJson, isDefinition: false);

    [Theory]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"linkId":"a","answers":[{"value":{"value":"QzvxPlnt secret"}}]}]}""", "$.items[0].answers[0].value")]
    [InlineData("""{"url":"u","version":"1","items":[{"linkId":"a","type":"string","initial":[{"value":"QzvxPlnt"}]}]}""", "$.items[0].initial[0]")]
    public void Deserialize_AnswerValueWithoutDiscriminator_ThrowsFormJsonExceptionWithPath(string json, string path)
    {
        var ex = Assert.Throws<FormJsonException>(() => json.StartsWith("{\"form\"", StringComparison.Ordinal) ? (object)FormJson.DeserializeResponse(json) : FormJson.DeserializeDefinition(json));

        Assert.StartsWith(path, ex.JsonPath, StringComparison.Ordinal);
        Assert.Contains("type discriminator", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
        Assert.NotNull(ex.LineNumber);
    }

    [Theory]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"linkId":"a","answers":[{"value":{"type":"QzvxPlnt secret","value":1}}]}]}""", "discriminator is unknown")]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"linkId":"a","answers":[{"value":{"type":"string","value":QzvxPlnt}}]}]}""", "not well-formed")]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"linkId":"a","answers":[{"value":{"type":"integer","value":"QzvxPlnt"}}]}]}""", "wrong JSON type")]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[null]}""", "null entry")]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"linkId":"a","QzvxPlnt secret":[}]}""", "not well-formed")]
    [InlineData("""{"form":{"url":"u","version":"1"},"items":[{"answers":[]}]}""", "required property")]
    [InlineData("null", "null, not an object")]
    public void DeserializeResponse_MalformedInput_SaysWhatIsWrongWithoutTheValue(string json, string problem)
    {
        var ex = Assert.Throws<FormJsonException>(() => FormJson.DeserializeResponse(json));
        var fromBytes = Assert.Throws<FormJsonException>(() => FormJson.DeserializeDefinition(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("$", ex.JsonPath, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, ex.Message + ex.JsonPath + fromBytes.Message + fromBytes.JsonPath, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void DeserializeDefinition_UnpairedSurrogate_ThrowsFormJsonException()
    {
        var ex = Assert.Throws<FormJsonException>(() => FormJson.DeserializeDefinition("{\"url\":\"" + Marker + "\uD800\",\"version\":\"1\"}"));

        Assert.Equal("$", ex.JsonPath);
        Assert.DoesNotContain(Marker, ex.Message, StringComparison.Ordinal);
    }

    private static void Run(string valid, bool isDefinition)
    {
        var failures = 0;
        var reads = 0;
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 5], Gen.Int[0, 9]).Sample(
            t =>
            {
                var (seed, mutations, byteMode) = t;
                var random = new Random(seed);
                var text = Mutate(valid, random, mutations);
                var bytes = Encoding.UTF8.GetBytes(text);
                if (byteMode >= 6)
                {
                    bytes = MutateBytes(bytes, random);
                    text = Encoding.UTF8.GetString(bytes);
                }

                var outcomes = isDefinition
                    ? new[] { Attempt(() => FormJson.DeserializeDefinition(text)), Attempt(() => FormJson.DeserializeDefinition(bytes)) }
                    : new[] { Attempt(() => FormJson.DeserializeResponse(text)) };
                foreach (var outcome in outcomes)
                {
                    if (outcome is null)
                    {
                        Interlocked.Increment(ref reads);
                        continue;
                    }

                    Interlocked.Increment(ref failures);
                    var ex = Assert.IsType<FormJsonException>(outcome);
                    Assert.Equal(FormJsonException.ErrorCode, ex.Code);
                    Assert.False(string.IsNullOrEmpty(ex.JsonPath));
                    Assert.StartsWith("$", ex.JsonPath, StringComparison.Ordinal);
                    Assert.Contains(" at $", ex.Message, StringComparison.Ordinal);
                    Assert.False(string.IsNullOrWhiteSpace(ex.Problem));
                    Assert.DoesNotContain(Marker, ex.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain(Marker, ex.JsonPath, StringComparison.Ordinal);
                    Assert.Null(ex.InnerException);
                }
            },
            iter: Iterations);

        // The mutations must really produce malformed input most of the time, and sometimes still valid input.
        Assert.True(failures > Iterations / 2, $"only {failures} of {Iterations} inputs failed to read");
        Assert.True(reads > 0, "no mutated input was still readable");
    }

    private static Exception? Attempt(Func<object> read)
    {
        try
        {
            read();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static string Mutate(string json, Random random, int count)
    {
        var root = JsonNode.Parse(json)!;
        for (var m = 0; m < count; m++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var node = nodes[random.Next(nodes.Count)];
            var parent = node.Parent;
            switch (random.Next(9))
            {
                case 0 when parent is JsonObject obj:
                    obj.Remove(node.GetPropertyName());
                    break;
                case 1 when parent is not null:
                    Replace(node, Swapped(random));
                    break;
                case 2:
                    var typed = nodes.OfType<JsonObject>().Where(o => o.ContainsKey("type") || o.ContainsKey("kind")).ToList();
                    foreach (var o in Enumerable.Range(0, typed.Count == 0 ? 0 : 1 + random.Next(3)).Select(_ => typed[random.Next(typed.Count)]).Distinct().ToList())
                    {
                        o.Remove("type");
                        o.Remove("kind");
                    }

                    break;
                case 3 when node is JsonObject obj:
                    obj[$"{Marker}-key-{random.Next(100)}"] = JsonValue.Create($"{Marker}-value");
                    break;
                case 4 when node is JsonValue value && value.TryGetValue<string>(out _) && parent is not null:
                    Replace(node, JsonValue.Create($"{Marker}-planted-{random.Next(1000)}"));
                    break;
                case 5 when node is JsonArray array:
                    array.Add(random.Next(2) == 0 ? null : JsonValue.Create(Marker + "-element"));
                    break;
                case 6 when parent is not null:
                    Replace(node, new JsonArray(JsonValue.Create(Marker + "-wrapped")));
                    break;
                case 7 when node is JsonObject obj && obj.Count > 0:
                    var name = obj.ElementAt(random.Next(obj.Count)).Key;
                    var moved = obj[name];
                    obj.Remove(name);
                    obj[name + "x"] = moved;
                    break;
                default:
                    if (parent is not null)
                    {
                        Replace(node, random.Next(2) == 0 ? JsonValue.Create(long.MaxValue) : JsonValue.Create(1e300));
                    }

                    break;
            }
        }

        return root.ToJsonString();
    }

    private static JsonNode? Swapped(Random random) => random.Next(7) switch
    {
        0 => JsonValue.Create(7),
        1 => JsonValue.Create(true),
        2 => null,
        3 => JsonValue.Create(Marker + "-swapped"),
        4 => new JsonArray(),
        5 => new JsonObject(),
        _ => JsonValue.Create(-1.5m),
    };

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj[node.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Collect(child, nodes);
                }

                break;
        }
    }

    private static byte[] MutateBytes(byte[] bytes, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return bytes[..random.Next(bytes.Length)];
            case 1:
                var flipped = (byte[])bytes.Clone();
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 2:
                var at = random.Next(bytes.Length);
                var noise = new byte[1 + random.Next(8)];
                random.NextBytes(noise);
                return [.. bytes[..at], .. noise, .. bytes[at..]];
            default:
                var junk = new byte[random.Next(64)];
                random.NextBytes(junk);
                return junk;
        }
    }
}
