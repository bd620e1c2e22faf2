using System.Globalization;
using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Property tests over generated responses (a seeded <see cref="Random"/>, hundreds of cases per form): the engine's
/// scores and enableWhen results against a reference written here, computed directly over the Questionnaire and
/// response JSON with System.Text.Json (option scores read from answerOption or contained ValueSets; enableWhen by
/// R4's rules). The reference never calls the SDK's evaluator.
/// </summary>
public class ReferenceImplementationPropertyTests
{
    private const int Cases = 300;

    public static TheoryData<string, string> ScoredForms() => new()
    {
        { "sdc-phq9.json", "calculated:H1/TS" },
        { "wild/lforms-phq9.json", "calculated:/44261-6" },
        { "wild/rkof-gad7.json", "score" },
        { "wild/rkof-ipss.json", "score" },
        { "wild/rkof-phq9.json", "score" },
    };

    /// <summary>The sum of the scores of the chosen options, read from the Questionnaire JSON; null when no scored question is answered.</summary>
    private static decimal? ReferenceSum(JsonObject questionnaire, JsonObject response)
    {
        var scores = new Dictionary<string, List<QuestionnaireJson.Option>>(StringComparer.Ordinal);
        foreach (var item in QuestionnaireJson.Items(questionnaire))
        {
            scores[QuestionnaireJson.LinkId(item)] = QuestionnaireJson.Options(questionnaire, item);
        }

        decimal? sum = null;
        foreach (var item in QuestionnaireJson.Items(response))
        {
            foreach (var answer in (item["answer"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (answer["valueCoding"] is not JsonObject coding || !scores.TryGetValue(QuestionnaireJson.LinkId(item), out var options))
                {
                    continue;
                }

                var match = options.FirstOrDefault(o => o.Value["valueCoding"]?["code"]?.GetValue<string>() == coding["code"]?.GetValue<string>()
                    && o.Value["valueCoding"]?["system"]?.GetValue<string>() == coding["system"]?.GetValue<string>());
                if (match?.Score is { } score)
                {
                    sum = (sum ?? 0) + score;
                }
            }
        }

        return sum;
    }

    [Theory]
    [MemberData(nameof(ScoredForms))]
    public void Evaluate_GeneratedResponses_ScoreEqualsSumOfOptionScoresReadFromJson(string file, string how)
    {
        JsonObject questionnaire;
        var questionnaireJson = WildQuestionnaireScoreTests.Json(file);
        questionnaire = QuestionnaireJson.Parse(questionnaireJson);
        var form = how == "score" ? WildQuestionnaireScoreTests.Scored(file, new FormScore { Name = "total" }, "sum-of-option-scores") : WildQuestionnaireScoreTests.Load(file);
        var compiled = QuestionnaireFiles.Engine.Compile(form);
        var random = new Random(20_261_204 + file.Length);
        var answeredSome = 0;

        for (var i = 0; i < Cases; i++)
        {
            var skip = random.NextDouble() * 0.6;
            var json = QuestionnaireJson.Response(questionnaire, item =>
            {
                var options = QuestionnaireJson.Options(questionnaire, item);
                return options.Count == 0 || random.NextDouble() < skip ? [] : [options[random.Next(options.Count)].Value];
            });
            var expected = ReferenceSum(questionnaire, QuestionnaireJson.Parse(json));
            var evaluation = compiled.Evaluate(Import(json, form));

            decimal? actual;
            if (how == "score")
            {
                actual = evaluation.Score("total");
            }
            else
            {
                var value = evaluation.AnswersOf(how["calculated:".Length..]).SingleOrDefault();
                actual = value switch
                {
                    DecimalAnswer d => d.Value,
                    IntegerAnswer n => n.Value,
                    QuantityAnswer q => q.Value.Value,
                    _ => null,
                };

                // The SDC PHQ-9 sums with sum(), which is 0 over no answers; LHC-Forms' has no total then.
                if (file == "sdc-phq9.json")
                {
                    expected ??= 0;
                }
            }

            if (expected is not null)
            {
                answeredSome++;
            }

            Assert.True(expected == actual, $"{file} case {i}: expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"}, engine {actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        Assert.True(answeredSome > Cases / 2, "The generator answered too few scored questions to test anything.");
    }

    private static FormResponse Import(string json, FormDefinition form)
    {
        try
        {
            return QuestionnaireResponseMapper.ImportJson(json, form).Response;
        }
        catch (FhirFormatException ex)
        {
            throw new InvalidOperationException($"The generated response is not valid: {json}", ex);
        }
    }

    // ------------------------------------------------------------------ enableWhen

    private static readonly JsonObject[] YesNo =
    [
        new() { ["valueCoding"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v2-0532", ["code"] = "Y" } },
        new() { ["valueCoding"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v2-0532", ["code"] = "N" } },
        new() { ["valueCoding"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v2-0532", ["code"] = "ASKU" } },
    ];

    /// <summary>The values enableWhen conditions compare each question with (as answers), so boundaries are generated often.</summary>
    private static Dictionary<string, List<JsonObject>> Comparands(JsonObject questionnaire)
    {
        var result = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var item in QuestionnaireJson.Items(questionnaire))
        {
            foreach (var condition in (item["enableWhen"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var (key, value) = condition.First(p => p.Key.StartsWith("answer", StringComparison.Ordinal));
                if (key != "answerBoolean" || condition["operator"]?.GetValue<string>() != "exists")
                {
                    var question = condition["question"]!.GetValue<string>();
                    (result.TryGetValue(question, out var list) ? list : result[question] = []).Add(new JsonObject { ["value" + key[6..]] = value!.DeepClone() });
                }
            }
        }

        return result;
    }

    private static List<JsonObject> Generate(JsonObject questionnaire, JsonObject item, Random random, Dictionary<string, List<JsonObject>> comparands)
    {
        if (random.NextDouble() < 0.25)
        {
            return [];
        }

        var options = QuestionnaireJson.Options(questionnaire, item);
        if (options.Count > 0)
        {
            return [options[random.Next(options.Count)].Value];
        }

        // Half of the time exactly a value a condition compares with (a date, a time, a Coding), so = and the bounds of < <= > >= are hit.
        if (comparands.TryGetValue(QuestionnaireJson.LinkId(item), out var boundaries) && random.Next(2) == 0)
        {
            return [boundaries[random.Next(boundaries.Count)]];
        }

        return QuestionnaireJson.Type(item) switch
        {
            "boolean" => [new JsonObject { ["valueBoolean"] = random.Next(2) == 0 }],
            "choice" or "open-choice" => [YesNo[random.Next(YesNo.Length)]],
            "date" => [new JsonObject { ["valueDate"] = new DateOnly(1990, 1, 1).AddDays(random.Next(365 * 20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }],
            "time" => [new JsonObject { ["valueTime"] = new TimeOnly(random.Next(24), random.Next(60), random.Next(60)).ToString("HH:mm:ss", CultureInfo.InvariantCulture) }],
            "integer" => [new JsonObject { ["valueInteger"] = random.Next(-3, 10) }],
            "decimal" => [new JsonObject { ["valueDecimal"] = Math.Round((decimal)(random.NextDouble() * 5), 1) }],
            "string" or "text" => [new JsonObject { ["valueString"] = random.Next(3).ToString(CultureInfo.InvariantCulture) }],
            _ => [],
        };
    }

    /// <summary>An answer's value and a comparand, by R4's rules: numbers as numbers, Codings by system and code, the rest as text of one precision.</summary>
    private static int? Compare(JsonObject answer, string comparandKey, JsonNode comparand)
    {
        var (key, value) = answer.First(p => p.Key.StartsWith("value", StringComparison.Ordinal));
        if (key is "valueInteger" or "valueDecimal" && comparandKey is "answerInteger" or "answerDecimal")
        {
            return value!.GetValue<decimal>().CompareTo(comparand.GetValue<decimal>());
        }

        if (key == "valueCoding" && comparandKey == "answerCoding")
        {
            var system = comparand["system"]?.GetValue<string>();
            var same = value!["code"]?.GetValue<string>() == comparand["code"]?.GetValue<string>()
                && (system is null || value["system"]?.GetValue<string>() == system);
            return same ? 0 : null;
        }

        if (key[5..] == comparandKey[6..] && value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            return string.CompareOrdinal(text, comparand.GetValue<string>()) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if (key == "valueCoding" && comparandKey == "answerString")
        {
            // As the engine documents (docs/intake.md): a coded answer compared with a string or number is compared by its code.
            return string.CompareOrdinal(value!["code"]?.GetValue<string>(), comparand.GetValue<string>()) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if (key == "valueCoding" && comparandKey is "answerInteger" or "answerDecimal")
        {
            return decimal.TryParse(value!["code"]?.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var code) ? code.CompareTo(comparand.GetValue<decimal>()) : null;
        }

        if (key == "valueBoolean" && comparandKey == "answerBoolean")
        {
            return value!.GetValue<bool>() == comparand.GetValue<bool>() ? 0 : null;
        }

        return null; // Of different types: never equal, not ordered.
    }

    private static bool Holds(string op, IReadOnlyList<JsonObject> answers, JsonObject condition)
    {
        var (key, comparand) = condition.First(p => p.Key.StartsWith("answer", StringComparison.Ordinal));
        if (op == "exists")
        {
            return answers.Count > 0 == comparand!.GetValue<bool>();
        }

        var results = answers.Select(a => Compare(a, key, comparand!)).ToArray();
        return op switch
        {
            "=" => results.Any(r => r == 0),
            "!=" => !results.Any(r => r == 0), // R4: true when no answer equals the comparand (also when there is none)
            ">" => results.Any(r => r > 0),
            "<" => results.Any(r => r < 0),
            ">=" => results.Any(r => r >= 0),
            "<=" => results.Any(r => r <= 0),
            _ => throw new InvalidOperationException(op),
        };
    }

    /// <summary>R4 enableWhen over the JSON: an item is enabled when its parent is and its conditions hold (all, or any); a disabled question's answers count as absent.</summary>
    private static Dictionary<string, bool> ReferenceEnabled(JsonObject questionnaire, Dictionary<string, List<JsonObject>> answers)
    {
        var items = QuestionnaireJson.Items(questionnaire).ToDictionary(QuestionnaireJson.LinkId, StringComparer.Ordinal);
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Parents(JsonObject parent, string? parentId)
        {
            foreach (var child in (parent["item"] as JsonArray ?? []).OfType<JsonObject>())
            {
                parents[QuestionnaireJson.LinkId(child)] = parentId;
                Parents(child, QuestionnaireJson.LinkId(child));
            }
        }

        Parents(questionnaire, null);
        var enabled = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Enabled(string linkId, int depth)
        {
            if (enabled.TryGetValue(linkId, out var known))
            {
                return known;
            }

            Assert.True(depth < 100, "enableWhen cycle");
            var item = items[linkId];
            var result = parents[linkId] is not { } parent || Enabled(parent, depth + 1);
            if (result && item["enableWhen"] is JsonArray conditions && conditions.Count > 0)
            {
                var holds = conditions.OfType<JsonObject>().Select(c =>
                {
                    var question = c["question"]!.GetValue<string>();
                    var given = Enabled(question, depth + 1) ? answers.GetValueOrDefault(question) ?? [] : [];
                    return Holds(c["operator"]!.GetValue<string>(), given, c);
                }).ToArray();
                result = item["enableBehavior"]?.GetValue<string>() == "any" ? holds.Any(h => h) : holds.All(h => h);
            }

            enabled[linkId] = result;
            return result;
        }

        foreach (var linkId in items.Keys)
        {
            Enabled(linkId, 0);
        }

        return enabled;
    }

    [Fact]
    public void Evaluate_GeneratedResponses_EnableWhenEqualsTheReference()
    {
        const string File = QuestionnaireFiles.EnableWhen;
        var questionnaire = QuestionnaireJson.Parse(QuestionnaireFiles.Json(File));
        var form = QuestionnaireFiles.Definition(File);
        var compiled = QuestionnaireFiles.Compiled(File);
        var random = new Random(20_261_205);
        var flips = new HashSet<string>(StringComparer.Ordinal);
        var comparands = Comparands(questionnaire);
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);

        for (var i = 0; i < 400; i++)
        {
            var given = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
            var json = QuestionnaireJson.Response(questionnaire, item =>
            {
                var answers = Generate(questionnaire, item, random, comparands);
                given[QuestionnaireJson.LinkId(item)] = answers;
                return answers;
            });
            var expected = ReferenceEnabled(questionnaire, given);
            var evaluation = compiled.Evaluate(Import(json, form));

            foreach (var (linkId, enabled) in expected)
            {
                Assert.True(enabled == evaluation.IsEnabled(linkId), $"case {i}: {linkId} reference {enabled}, engine {evaluation.IsEnabled(linkId)}");
                if (seen.TryGetValue(linkId, out var before) && before != enabled)
                {
                    flips.Add(linkId);
                }

                seen[linkId] = enabled;
            }
        }

        // Every item with an enableWhen was seen both enabled and disabled, so each condition was really tested.
        var conditional = QuestionnaireJson.Items(questionnaire).Where(i => i["enableWhen"] is JsonArray).Select(QuestionnaireJson.LinkId).ToArray();
        Assert.Empty(conditional.Except(flips));
    }
}
