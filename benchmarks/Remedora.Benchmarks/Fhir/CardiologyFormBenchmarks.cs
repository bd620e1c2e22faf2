using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Benchmarks.Fhir;

/// <summary>
/// The 142-item SDC cardiology referral form (tests/data/questionnaires/sdc-cardiology-form.json, or the folder named by
/// REMEDORA_QUESTIONNAIRES): importing it (Firely parse, mapping and the round-trip self-check) against the Firely parse
/// alone, and evaluating a filled-in referral (enable, validate, 9 FHIRPath constraints, the calculated service code)
/// against evaluating an empty one.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CardiologyFormBenchmarks
{
    private string _json = null!;
    private CompiledForm _compiled = null!;
    private FormResponse _filled = null!;
    private FormResponse _empty = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = File.ReadAllText(Path.Combine(FindQuestionnaires(), "sdc-cardiology-form.json"));
        var definition = QuestionnaireMapper.ImportJson(_json).Definition;
        _compiled = new FormEngine([new FhirPathLanguage()]).Compile(definition);
        _filled = new FormResponse { Form = definition.Reference, Items = Fill(definition.Items) };
        _empty = new FormResponse { Form = definition.Reference };
        if (!_compiled.Evaluate(_filled).Response.Items.Any())
        {
            throw new InvalidOperationException("The filled referral kept no answers.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Import")]
    public Questionnaire FirelyParseOnly() => new FhirJsonDeserializer().Deserialize<Questionnaire>(_json);

    [Benchmark]
    [BenchmarkCategory("Import")]
    public FormDefinition Import() => QuestionnaireMapper.ImportJson(_json).Definition;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Evaluate")]
    public FormEvaluation EvaluateEmpty() => _compiled.Evaluate(_empty);

    [Benchmark]
    [BenchmarkCategory("Evaluate")]
    public FormEvaluation EvaluateFilled() => _compiled.Evaluate(_filled);

    private static List<ResponseItem> Fill(IReadOnlyList<FormItem> items)
    {
        var result = new List<ResponseItem>();
        foreach (var item in items)
        {
            if (item.Type == FormItemType.Group)
            {
                result.Add(new ResponseItem { LinkId = item.LinkId, Items = Fill(item.Items) });
                continue;
            }

            AnswerValue? value = item.AnswerOptions.Count > 0 ? item.AnswerOptions[0].Value : item.Type switch
            {
                FormItemType.Boolean => AnswerValue.Of(true),
                FormItemType.String or FormItemType.Text => AnswerValue.Of("2065550123"),
                FormItemType.Date => AnswerValue.Of(new DateOnly(1970, 5, 6)),
                FormItemType.Decimal => AnswerValue.Of(1.5m),
                FormItemType.Integer => AnswerValue.Of(2),
                FormItemType.Attachment => AnswerValue.Of(new FormAttachment { ContentType = item.AllowedContentTypes.FirstOrDefault() ?? "application/pdf", Url = "https://files.example.org/1", Size = 1000 }),
                _ => null,
            };
            if (value is not null && !item.ReadOnly && item.CalculatedExpression is null)
            {
                result.Add(new ResponseItem { LinkId = item.LinkId, Answers = [new ResponseAnswer(value) { Items = Fill(item.Items) }] });
            }
        }

        return result;
    }

    private static string FindQuestionnaires()
    {
        if (Environment.GetEnvironmentVariable("REMEDORA_QUESTIONNAIRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "data", "questionnaires");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("tests/data/questionnaires was not found above the benchmark; set REMEDORA_QUESTIONNAIRES.");
    }
}
