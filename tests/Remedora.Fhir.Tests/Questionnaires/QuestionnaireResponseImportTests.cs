using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Import of QuestionnaireResponses from other systems. The LHC-Forms, Smart Forms and patient-app responses are synthetic:
/// shaped like the output of LHC-Forms' <c>getFormFHIRData('QuestionnaireResponse', 'R4')</c> and CSIRO Smart Forms'
/// saved responses (element ids on items, <c>text</c>, coded answers with <c>system</c> and <c>display</c>), written by
/// hand for the SDC PHQ-9 in tests/data/questionnaires.
/// </summary>
public class QuestionnaireResponseImportTests
{
    private const string Secret = "SECRET-ANSWER-7f3a";
    private const string Cs = "http://hl7.org/fhir/uv/sdc/CodeSystem/CSPHQ9";
    private static readonly string[] Codes = ["Not-at-all", "Several-days", "More than half the days", "Nearly every day"];

    private static FormDefinition Phq9 => QuestionnaireFiles.Definition(QuestionnaireFiles.Phq9);

    private static List<(string Path, AnswerValue Value)> Flatten(FormResponse response)
    {
        var result = new List<(string, AnswerValue)>();
        void Walk(IReadOnlyList<ResponseItem> items, string parent)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{parent}/{items[i].LinkId}#{i}";
                for (var a = 0; a < items[i].Answers.Count; a++)
                {
                    result.Add(($"{path}.answer[{a}]", items[i].Answers[a].Value));
                    Walk(items[i].Answers[a].Items, $"{path}.answer[{a}]");
                }

                Walk(items[i].Items, path);
            }
        }

        Walk(response.Items, string.Empty);
        return result;
    }

    private static JsonObject Answer(int score, bool withOrdinal) => new()
    {
        ["valueCoding"] = withOrdinal
            ? new JsonObject
            {
                ["extension"] = new JsonArray(new JsonObject { ["url"] = "http://hl7.org/fhir/StructureDefinition/ordinalValue", ["valueDecimal"] = score }),
                ["system"] = Cs,
                ["code"] = Codes[score],
                ["display"] = Codes[score],
            }
            : new JsonObject { ["system"] = Cs, ["code"] = Codes[score], ["display"] = Codes[score] },
    };

    private static JsonObject Question(int n, int score, bool withOrdinal = false, bool withId = false)
    {
        var item = new JsonObject { ["linkId"] = $"H1/T1/Q{n}", ["text"] = $"Question {n}", ["answer"] = new JsonArray(Answer(score, withOrdinal)) };
        if (withId)
        {
            item["id"] = $"q{n}-id";
        }

        return item;
    }

    private static string Qr(JsonArray items) => new JsonObject
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["meta"] = new JsonObject { ["profile"] = new JsonArray("http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse") },
        ["status"] = "completed",
        ["authored"] = "2026-01-02T03:04:05.000Z",
        ["questionnaire"] = Phq9.Reference.ToString(),
        ["item"] = items,
    }.ToJsonString();

    private static decimal? Total(FormResponse response)
    {
        var evaluation = QuestionnaireFiles.Compiled(QuestionnaireFiles.Phq9).Evaluate(response);
        return evaluation.AnswersOf("H1/TS").SingleOrDefault() switch
        {
            QuantityAnswer q => q.Value.Value,
            DecimalAnswer d => d.Value,
            IntegerAnswer i => i.Value,
            _ => null,
        };
    }

    [Theory]
    [MemberData(nameof(QuestionnaireFiles.All), MemberType = typeof(QuestionnaireFiles))]
    public void ImportJson_ExportedResponseOfAFilledForm_GivesTheSameAnswers(string name)
    {
        var compiled = QuestionnaireFiles.Compiled(name);
        var kept = compiled.Evaluate(FormFiller.Fill(compiled.Definition)).Response;

        var result = QuestionnaireResponseMapper.ImportJson(QuestionnaireResponseMapper.ExportJson(kept), compiled.Definition);

        Assert.Empty(result.Issues);
        Assert.Equal(compiled.Reference, result.Response.Form);
        Assert.Equal(Flatten(kept), Flatten(result.Response));
    }

    [Fact]
    public void ImportXml_ExportedResponse_GivesTheSameAnswers()
    {
        var form = QuestionnaireFiles.Definition("sdc-test-all-data-types.json");
        var kept = QuestionnaireFiles.Compiled("sdc-test-all-data-types.json").Evaluate(FormFiller.Fill(form)).Response;

        var result = QuestionnaireResponseMapper.ImportXml(QuestionnaireResponseMapper.ExportXml(kept), form);

        Assert.Empty(result.Issues);
        Assert.NotEmpty(Flatten(kept));
        Assert.Equal(Flatten(kept), Flatten(result.Response));
    }

    [Fact]
    public void ImportJson_LhcFormsShapedPhq9_PlacesAnswersKeepsOrdinalExtensionsAndScores()
    {
        int[] scores = [1, 2, 3, 0, 1, 2, 3, 0, 1];
        var group = new JsonObject
        {
            ["linkId"] = "H1/T1",
            ["text"] = "PHQ-9",
            ["item"] = new JsonArray(scores.Select((s, i) => (JsonNode)Question(i + 1, s, withOrdinal: true)).ToArray()),
        };

        var result = QuestionnaireResponseMapper.ImportJson(Qr(new JsonArray(group)), Phq9);

        Assert.Empty(result.Issues);
        var t1 = Assert.Single(result.Response.Items);
        Assert.Equal("H1/T1", t1.LinkId);
        Assert.Equal(9, t1.Items.Count);
        var first = Assert.IsType<CodingAnswer>(Assert.Single(t1.Items[0].Answers).Value);
        Assert.Equal("Several-days", first.Value.Code);
        var extension = Assert.Single(first.Extensions!);
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/ordinalValue", extension.Url);
        Assert.Equal(13m, Total(result.Response));
    }

    [Fact]
    public void ImportJson_SmartFormsShapedPhq9WithElementIds_PlacesAnswers()
    {
        int[] scores = [3, 3, 3, 3, 3, 3, 3, 3, 3];
        var group = new JsonObject
        {
            ["id"] = "phq9-group",
            ["linkId"] = "H1/T1",
            ["item"] = new JsonArray(scores.Select((s, i) => (JsonNode)Question(i + 1, s, withId: true)).ToArray()),
        };

        var result = QuestionnaireResponseMapper.ImportJson(Qr(new JsonArray(group)), Phq9);

        Assert.Empty(result.Issues);
        Assert.Equal(9, Assert.Single(result.Response.Items).Items.Count);
        Assert.Equal(27m, Total(result.Response));
    }

    [Fact]
    public void ImportJson_FlatPatientAppResponse_MovesEachItemIntoItsGroupWithAWarning()
    {
        var flat = new JsonArray(Enumerable.Range(1, 9).Select(n => (JsonNode)Question(n, 2)).ToArray());

        var result = QuestionnaireResponseMapper.ImportJson(Qr(flat), Phq9);

        Assert.Equal(9, result.Issues.Count);
        Assert.All(result.Issues, i => Assert.Equal(QuestionnaireResponseImportIssueCodes.Misplaced, i.Code));
        Assert.Equal("item[4]", result.Issues[4].Path);
        var t1 = Assert.Single(result.Response.Items);
        Assert.Equal("H1/T1", t1.LinkId);
        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"H1/T1/Q{n}"), t1.Items.Select(i => i.LinkId));
        Assert.Equal(18m, Total(result.Response));
    }

    [Fact]
    public void ImportJson_GroupChildrenUnderAnAnswer_AreMovedUnderTheGroupWithTheirPath()
    {
        var group = new JsonObject
        {
            ["linkId"] = "H1/T1",
            ["answer"] = new JsonArray(new JsonObject
            {
                ["valueBoolean"] = true,
                ["item"] = new JsonArray(Question(1, 1), Question(2, 3)),
            }),
        };

        var result = QuestionnaireResponseMapper.ImportJson(Qr(new JsonArray(group)), Phq9);

        Assert.Contains(result.Issues, i => i.Code == QuestionnaireResponseImportIssueCodes.Misplaced && i.Path == "item[0].answer[0].item[1]");
        Assert.Contains(result.Issues, i => i.Code == QuestionnaireResponseImportIssueCodes.AnswerTypeMismatch && i.Path == "item[0].answer[0]");
        var t1 = Assert.Single(result.Response.Items);
        Assert.Equal(["H1/T1/Q1", "H1/T1/Q2"], t1.Items.Select(i => i.LinkId));
        Assert.Equal(4m, Total(result.Response));
    }

    [Fact]
    public void ImportJson_UnknownItemsAndExtensions_AreReportedByPathWithoutValues()
    {
        var unknown = new JsonObject
        {
            ["linkId"] = "not-in-form",
            ["answer"] = new JsonArray(new JsonObject { ["valueString"] = Secret }),
        };
        var q1 = Question(1, 1);
        q1["extension"] = new JsonArray(new JsonObject { ["url"] = "http://example.org/note", ["valueString"] = Secret });
        var group = new JsonObject { ["linkId"] = "H1/T1", ["item"] = new JsonArray(q1) };

        var result = QuestionnaireResponseMapper.ImportJson(Qr(new JsonArray(unknown, group)), Phq9);

        var issue = Assert.Single(result.Issues, i => i.Code == QuestionnaireResponseImportIssueCodes.UnknownItem);
        Assert.Equal("item[0]", issue.Path);
        Assert.Contains(result.Issues, i => i.Code == QuestionnaireResponseImportIssueCodes.ExtensionNotKept && i.Path == "item[1].item[0].extension");
        Assert.All(result.Issues, i => Assert.DoesNotContain(Secret, i.Message + i.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, result.ToString(), StringComparison.Ordinal);
        Assert.Equal(["H1/T1"], result.Response.Items.Select(i => i.LinkId));
    }

    [Fact]
    public void ImportJson_OtherQuestionnaire_IsReportedAndImportedAgainstTheFormPassed()
    {
        var json = JsonNode.Parse(Qr(new JsonArray(new JsonObject { ["linkId"] = "H1/T1", ["item"] = new JsonArray(Question(1, 0)) })))!.AsObject();
        json["questionnaire"] = "http://example.org/other|1";

        var result = QuestionnaireResponseMapper.ImportJson(json.ToJsonString(), Phq9);

        Assert.Equal(QuestionnaireResponseImportIssueCodes.FormMismatch, Assert.Single(result.Issues).Code);
        Assert.Equal(Phq9.Reference, result.Response.Form);
    }

    [Fact]
    public void ImportJson_InlineAttachmentData_KeptAsDataUrlWithMetadataSizeAndHash()
    {
        var form = QuestionnaireFiles.Definition("sdc-test-all-data-types.json");
        var group = form.Items[0];
        var bytes = System.Text.Encoding.UTF8.GetBytes(Secret);
        var qr = new JsonObject
        {
            ["resourceType"] = "QuestionnaireResponse",
            ["status"] = "completed",
            ["item"] = new JsonArray(new JsonObject
            {
                ["linkId"] = group.LinkId,
                ["item"] = new JsonArray(new JsonObject
                {
                    ["linkId"] = "id-attachment",
                    ["answer"] = new JsonArray(new JsonObject
                    {
                        ["valueAttachment"] = new JsonObject { ["contentType"] = "text/plain", ["title"] = "note.txt", ["data"] = Convert.ToBase64String(bytes) },
                    }),
                }),
            }),
        };

        var result = QuestionnaireResponseMapper.ImportJson(qr.ToJsonString(), form);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(QuestionnaireResponseImportIssueCodes.AttachmentDataAsUrl, issue.Code);
        Assert.Equal("item[0].item[0].answer[0].valueAttachment.data", issue.Path);
        Assert.DoesNotContain(Convert.ToBase64String(bytes), issue.Message, StringComparison.Ordinal);
        var attachment = Assert.IsType<AttachmentAnswer>(Assert.Single(Assert.Single(Assert.Single(result.Response.Items).Items).Answers).Value).Value;
        Assert.Equal("text/plain", attachment.ContentType);
        Assert.Equal("note.txt", attachment.Title);
        Assert.Equal($"data:text/plain;base64,{Convert.ToBase64String(bytes)}", attachment.Url);
        Assert.Equal(bytes.Length, attachment.Size);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(bytes)), attachment.Hash);
    }

    [Fact]
    public void ImportJson_NotAQuestionnaireResponse_ThrowsFhirFormatExceptionWithoutValues()
    {
        var bad = $$"""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"H1/T1","answer":[{"valueInteger":"{{Secret}}"}]}]}""";

        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireResponseMapper.ImportJson(bad, Phq9));

        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        }

        Assert.Throws<FhirFormatException>(() => QuestionnaireResponseMapper.ImportXml("<QuestionnaireResponse", Phq9));
    }
}
