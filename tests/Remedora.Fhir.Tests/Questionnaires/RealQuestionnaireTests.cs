using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Fhir.Validation;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>Acceptance with the public SDC Questionnaires: import, round trip, fill, enableWhen, compute, export, validate.</summary>
[Collection(FhirSpecificationCollection.Name)]
public class RealQuestionnaireTests(FhirSpecificationFixture fixture)
{
    /// <summary>The import errors each file is expected to have: its upstream defects, and nothing else.</summary>
    private static readonly Dictionary<string, string[]> ExpectedErrors = new(StringComparer.Ordinal)
    {
        // The e-mail constraint's regular expression contains an unescaped quote: the FHIRPath does not parse.
        [QuestionnaireFiles.Cardiology] = ["item[patient_header].item[patient_email].extension[targetConstraint:patemail] expression-invalid"],

        // A text item with a Coding initial value.
        [QuestionnaireFiles.InitialValueMultiple] = ["item[02a7536f-06b2-4dee-94e1-f5cfcb0e8622].item[655219ed-5e8b-4111-9d49-b4fbc0b4f627].initial[0] type-mismatch"],
    };

    public static TheoryData<string> All() => QuestionnaireFiles.All();

    [Fact]
    public void Files_AreAllThere()
        => Assert.True(QuestionnaireFiles.Names.Count >= 11, $"Expected the 11 SDC Questionnaires in {QuestionnaireFiles.Directory}.");

    [Theory]
    [MemberData(nameof(All))]
    public void ImportJson_RealQuestionnaire_LoadsWithOnlyItsKnownDefectsReported(string name)
    {
        var result = QuestionnaireFiles.Import(name);

        var errors = result.Issues.Where(i => i.Severity == ImportIssueSeverity.Error).Select(i => $"{i.Path} {i.Code}").ToArray();
        Assert.Equal(ExpectedErrors.GetValueOrDefault(name, []), errors);
        Assert.DoesNotContain(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.NotPreserved);
        var compiled = QuestionnaireFiles.Engine.Compile(result.Definition);
        Assert.Equal(result.Definition.Reference, compiled.Reference);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Export_ImportedQuestionnaire_KeepsEveryElement(string name)
    {
        var original = FhirJsonDeserializer.DEFAULT.Deserialize<Questionnaire>(QuestionnaireFiles.Json(name));
        var definition = QuestionnaireFiles.Definition(name);

        var exported = QuestionnaireMapper.Export(definition);

        var expected = JsonShape.Normalize(JsonNode.Parse(FhirJsonSerializer.Default.SerializeToString(original)), null)!.AsObject();
        var actual = JsonShape.Normalize(JsonNode.Parse(FhirJsonSerializer.Default.SerializeToString(exported)), null)!.AsObject();
        if (original.Url is null)
        {
            Assert.Equal(definition.Url, actual["url"]!.GetValue<string>());
            actual.Remove("url");
        }

        if (original.Version is null)
        {
            Assert.Equal("0.0.0", actual["version"]!.GetValue<string>());
            actual.Remove("version");
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), FirstDifference(expected, actual, "Questionnaire"));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void ImportXml_RealQuestionnaire_GivesTheSameDefinitionAsJson(string name)
    {
        var parsed = FhirJsonDeserializer.DEFAULT.Deserialize<Questionnaire>(QuestionnaireFiles.Json(name));
        var xml = FhirXmlSerializer.Default.SerializeToString(parsed);

        var fromXml = QuestionnaireMapper.ImportXml(xml);

        // XML keeps no leading or trailing whitespace in values, so the JSON it is compared with is the same content.
        var fromJson = QuestionnaireMapper.ImportJson(FhirJsonSerializer.Default.SerializeToString(FhirXmlDeserializer.DEFAULT.Deserialize<Questionnaire>(xml)));
        Assert.Equal(QuestionnaireMapper.ExportJson(fromJson.Definition), QuestionnaireMapper.ExportJson(fromXml.Definition));
        Assert.Equal(fromJson.Issues, fromXml.Issues);
        Assert.Equal(QuestionnaireFiles.Import(name).Issues.Select(i => i.Code), fromXml.Issues.Select(i => i.Code));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void FillEvaluateExport_RealQuestionnaire_ResponsePassesTheValidator(string name)
    {
        var compiled = QuestionnaireFiles.Compiled(name);
        var filled = FormFiller.Fill(compiled.Definition);

        var evaluation = compiled.Evaluate(filled);

        Assert.DoesNotContain(evaluation.Problems, p => p.Code == IntakeProblemCodes.EvaluationFailed);
        Assert.True(evaluation.Diagnostics.Count == 0, string.Join("; ", evaluation.Diagnostics.Select(d => $"{d.Path} {d.Code}")));
        var response = QuestionnaireResponseMapper.Export(evaluation.Response, new QuestionnaireResponseExportOptions
        {
            Id = "r1",
            Patient = Id<Patient>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b11"),
            Authored = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
        });
        var report = fixture.Validator.Validate(response);

        Assert.True(report.IsValid, string.Join("; ", report.Errors.Select(e => $"{e.Location}: {e.Message}")));
        Assert.Equal(compiled.Reference.ToString(), response.Questionnaire);
        Assert.Equal("Patient/0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b11", response.Subject?.Reference);
    }

    [Theory]
    [InlineData("Not-at-all", 0)]
    [InlineData("Several-days", 1)]
    [InlineData("More than half the days", 2)]
    [InlineData("Nearly every day", 3)]
    public void Evaluate_Phq9_TotalIsTheSumOfTheItemOrdinals(string code, int ordinal)
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.Phq9);
        var codes = new[] { code, "Several-days", "Nearly every day", code, "Not-at-all", code, "More than half the days", code, code };
        var ordinals = new Dictionary<string, int> { ["Not-at-all"] = 0, ["Several-days"] = 1, ["More than half the days"] = 2, ["Nearly every day"] = 3 };
        var index = 0;
        var response = FormFiller.Fill(compiled.Definition, item => item.LinkId.StartsWith("H1/T1/Q", StringComparison.Ordinal)
            ? AnswerValue.Code("http://hl7.org/fhir/uv/sdc/CodeSystem/CSPHQ9", codes[index++])
            : null);

        var evaluation = compiled.Evaluate(response);

        var total = Assert.Single(evaluation.AnswersOf("H1/TS"));
        var expected = codes.Sum(c => ordinals[c]);
        Assert.Equal(4 * ordinal + 1 + 3 + 0 + 2 + ordinal, expected);
        Assert.Equal(expected, total switch
        {
            QuantityAnswer q => q.Value.Value,
            DecimalAnswer d => d.Value,
            IntegerAnswer i => i.Value,
            _ => throw new InvalidOperationException(total.Kind.ToString()),
        });
    }

    [Fact]
    public void Evaluate_BmiForm_Gives22Point1For70KgAnd70Inches()
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.Bmi);
        var response = FormFiller.Fill(compiled.Definition, item => item.LinkId switch
        {
            "/29463-7" => AnswerValue.Of(70m),
            "/8302-2" => AnswerValue.Of(70m),
            _ => null,
        });

        var evaluation = compiled.Evaluate(response);

        Assert.Equal([new DecimalAnswer(22.1m)], evaluation.AnswersOf("/39156-5"));
        Assert.Empty(evaluation.Diagnostics);
    }

    [Fact]
    public void ImportJson_InitialValueMultiple_FlagsTheCodingInitialOfATextItem()
    {
        var result = QuestionnaireFiles.Import(QuestionnaireFiles.InitialValueMultiple);

        var issue = Assert.Single(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.TypeMismatch);
        Assert.Equal(ImportIssueSeverity.Error, issue.Severity);
        Assert.Contains("Coding", issue.Message, StringComparison.Ordinal);
        Assert.Contains("text item", issue.Message, StringComparison.Ordinal);
        Assert.True(result.HasErrors);
        var ex = Assert.Throws<QuestionnaireImportException>(() => result.GetDefinitionOrThrow());
        Assert.Equal("remedora.fhir.questionnaire_import_incomplete", ex.Code);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Evaluate_EnableWhenBoolean_EnablesTheDependentItemOnlyWhenEqual(bool answer, bool enabled)
    {
        var evaluation = EvaluateEnableWhen(item => item.LinkId == "83d5c1a6-5dc3-44d0-9d9e-d687c72e143e" ? AnswerValue.Of(answer) : null);

        Assert.Equal(enabled, evaluation.IsEnabled("e5da17a7-7546-45c5-9bcd-d0b09a74cc14"));
        Assert.Equal(enabled, evaluation.IsEnabled("65578509-21ae-4a48-94de-e46b1e54kjui"));
    }

    [Theory]
    [InlineData("2", true)]
    [InlineData("3", false)]
    public void Evaluate_EnableWhenCodingAgainstString_ComparesTheCode(string code, bool enabled)
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.EnableWhen);
        var radio = FindItem(compiled.Definition.Items, "s1-radio")!;
        var option = radio.AnswerOptions.Single(o => o.Value is CodingAnswer c && c.Value.Code == code).Value;

        var evaluation = EvaluateEnableWhen(item => item.LinkId == "s1-radio" ? option : null);

        Assert.Equal(enabled, evaluation.IsEnabled("e5da17a7-7546-45c5-9bcd-d0b09a74ty76"));
    }

    [Theory]
    [InlineData("1999-12-31", false, true)]
    [InlineData("2000-01-01", false, true)]
    [InlineData("2000-01-02", true, false)]
    public void Evaluate_EnableWhenOnDates_ComparesDates(string date, bool greater, bool lessOrEqual)
    {
        var evaluation = EvaluateEnableWhen(item => item.LinkId == "date_of_birth_question" ? new DateAnswer(FormDate.Parse(date, null)) : null);

        Assert.Equal(greater, evaluation.IsEnabled("date_greater_2000-01-01"));
        Assert.Equal(lessOrEqual, evaluation.IsEnabled("date_less_2000-01-01"));
    }

    [Theory]
    [InlineData(12, true, false)]
    [InlineData(9, false, true)]
    public void Evaluate_EnableWhenOnTimes_ComparesTimes(int hour, bool greater, bool lessOrEqual)
    {
        var evaluation = EvaluateEnableWhen(item => item.LinkId == "datetime_question" ? new TimeAnswer(new TimeOnly(hour, 0)) : null);

        Assert.Equal(greater, evaluation.IsEnabled("datetime_question_greter_than"));
        Assert.Equal(lessOrEqual, evaluation.IsEnabled("datetime_question_less_than_equal"));
    }

    [Fact]
    public void Evaluate_DisabledItemAnswers_AreNotExported()
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.EnableWhen);
        var evaluation = EvaluateEnableWhen(item => item.LinkId == "83d5c1a6-5dc3-44d0-9d9e-d687c72e143e" ? AnswerValue.Of(false) : null);

        var json = QuestionnaireResponseMapper.ExportJson(evaluation.Response);

        Assert.False(evaluation.IsEnabled("e5da17a7-7546-45c5-9bcd-d0b09a74cc14"));
        Assert.DoesNotContain("e5da17a7-7546-45c5-9bcd-d0b09a74cc14", json, StringComparison.Ordinal);
        Assert.Contains("83d5c1a6-5dc3-44d0-9d9e-d687c72e143e", json, StringComparison.Ordinal);
        Assert.Equal(compiled.Reference, evaluation.Form);
    }

    private static FormEvaluation EvaluateEnableWhen(Func<FormItem, AnswerValue?> overrides)
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.EnableWhen);
        return compiled.Evaluate(FormFiller.Fill(compiled.Definition, overrides));
    }

    internal static FormItem? FindItem(IEnumerable<FormItem> items, string linkId)
    {
        foreach (var item in items)
        {
            if (item.LinkId == linkId)
            {
                return item;
            }

            if (FindItem(item.Items, linkId) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!JsonNode.DeepEquals(e[key], a[key]))
                    {
                        return FirstDifference(e[key], a[key], $"{path}.{key}");
                    }
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    if (!JsonNode.DeepEquals(e[i], a[i]))
                    {
                        return FirstDifference(e[i], a[i], $"{path}[{i}]");
                    }
                }

                break;
            default:
                break;
        }

        return $"{path}: expected {expected?.ToJsonString() ?? "nothing"}, got {actual?.ToJsonString() ?? "nothing"}";
    }
}
