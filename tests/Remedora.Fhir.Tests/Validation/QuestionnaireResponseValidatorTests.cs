using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Validation;

/// <summary>
/// Validation of responses against their Questionnaire: one hand-made bad response per rule, against a small
/// Questionnaire written for these tests, and responses to the SDC forms in tests/data/questionnaires.
/// </summary>
public class QuestionnaireResponseValidatorTests
{
    private const string Secret = "SECRETVALUE";
    private const string Sys = "urn:test:colors";

    private static readonly Lazy<FormDefinition> LazyForm = new(() => QuestionnaireMapper.ImportJson(FormJson).GetDefinitionOrThrow());

    private static readonly QuestionnaireResponseValidator Validator = new(QuestionnaireFiles.Engine);

    private static FormDefinition Form => LazyForm.Value;

    private static string FormJson => new JsonObject
    {
        ["resourceType"] = "Questionnaire",
        ["url"] = "urn:test:validation",
        ["version"] = "1.0",
        ["status"] = "active",
        ["item"] = new JsonArray(
            new JsonObject
            {
                ["linkId"] = "name", ["type"] = "string", ["required"] = true, ["maxLength"] = 12,
                ["extension"] = new JsonArray(new JsonObject { ["url"] = "http://hl7.org/fhir/StructureDefinition/regex", ["valueString"] = "^[A-Z]+$" }),
            },
            new JsonObject
            {
                ["linkId"] = "age", ["type"] = "integer",
                ["extension"] = new JsonArray(
                    new JsonObject { ["url"] = "http://hl7.org/fhir/StructureDefinition/minValue", ["valueInteger"] = 0 },
                    new JsonObject { ["url"] = "http://hl7.org/fhir/StructureDefinition/maxValue", ["valueInteger"] = 120 }),
            },
            new JsonObject { ["linkId"] = "smoker", ["type"] = "boolean" },
            new JsonObject
            {
                ["linkId"] = "packs", ["type"] = "integer", ["required"] = true,
                ["enableWhen"] = new JsonArray(new JsonObject { ["question"] = "smoker", ["operator"] = "=", ["answerBoolean"] = true }),
            },
            new JsonObject
            {
                ["linkId"] = "color", ["type"] = "choice",
                ["answerOption"] = new JsonArray(
                    new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = Sys, ["code"] = "red" } },
                    new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = Sys, ["code"] = "blue" } }),
            },
            new JsonObject
            {
                ["linkId"] = "open", ["type"] = "open-choice",
                ["answerOption"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = Sys, ["code"] = "red" } }),
            },
            new JsonObject { ["linkId"] = "info", ["type"] = "display", ["text"] = "Read this." },
            new JsonObject
            {
                ["linkId"] = "grp", ["type"] = "group",
                ["item"] = new JsonArray(new JsonObject { ["linkId"] = "g1", ["type"] = "string" }),
            },
            new JsonObject
            {
                ["linkId"] = "ro", ["type"] = "string", ["readOnly"] = true,
                ["initial"] = new JsonArray(new JsonObject { ["valueString"] = "fixed" }),
            },
            new JsonObject
            {
                ["linkId"] = "even", ["type"] = "integer",
                ["extension"] = new JsonArray(new JsonObject
                {
                    ["url"] = "http://hl7.org/fhir/StructureDefinition/targetConstraint",
                    ["extension"] = new JsonArray(
                        new JsonObject { ["url"] = "key", ["valueId"] = "even-1" },
                        new JsonObject { ["url"] = "severity", ["valueCode"] = "error" },
                        new JsonObject { ["url"] = "human", ["valueString"] = "Must be even." },
                        new JsonObject
                        {
                            ["url"] = "expression",
                            ["valueExpression"] = new JsonObject { ["language"] = "text/fhirpath", ["expression"] = "answer.value.all($this mod 2 = 0)" },
                        }),
                }),
            },
            new JsonObject
            {
                ["linkId"] = "why", ["type"] = "string",
                ["extension"] = new JsonArray(new JsonObject
                {
                    ["url"] = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
                    ["valueExpression"] = new JsonObject { ["language"] = "text/fhirpath", ["expression"] = "%resource.item.where(linkId='age').answer.value > 60" },
                }),
            }),
    }.ToJsonString();

    private static JsonObject Str(string linkId, string value) => new() { ["linkId"] = linkId, ["answer"] = new JsonArray(new JsonObject { ["valueString"] = value }) };

    private static JsonObject Int(string linkId, params int[] values)
        => new() { ["linkId"] = linkId, ["answer"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["valueInteger"] = v }).ToArray()) };

    private static JsonObject Bool(string linkId, bool value) => new() { ["linkId"] = linkId, ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = value }) };

    private static JsonObject Code(string linkId, string code) => new()
    {
        ["linkId"] = linkId,
        ["answer"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = Sys, ["code"] = code } }),
    };

    private static string Qr(params JsonNode[] items) => new JsonObject
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["status"] = "completed",
        ["questionnaire"] = "urn:test:validation|1.0",
        ["item"] = new JsonArray(items),
    }.ToJsonString();

    private static QuestionnaireResponseValidationResult Validate(params JsonNode[] items) => Validator.ValidateJson(Form, Qr(items));

    private static void AssertOnly(QuestionnaireResponseValidationResult result, string code, string path, string? linkId, QuestionnaireResponseFindingSeverity severity = QuestionnaireResponseFindingSeverity.Error)
    {
        var relevant = result.Findings.Where(f => f.Severity != QuestionnaireResponseFindingSeverity.Information).ToArray();
        Assert.True(relevant.Length == 1, string.Join("; ", result.Findings.Select(f => $"{f} {f.LinkId}")));
        var finding = relevant[0];
        Assert.Equal((severity, code, path, linkId), (finding.Severity, finding.Code, finding.Path, finding.LinkId));
        Assert.DoesNotContain(Secret, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateJson_GoodResponse_HasNoFindings()
    {
        var result = Validate(Str("name", "ANNA"), Int("age", 30), Bool("smoker", true), Int("packs", 2), Code("color", "red"), Str("open", "green"), Str("ro", "fixed"), Int("even", 4));

        Assert.True(result.IsValid);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void ValidateJson_UnknownLinkId_IsUnknownItemAtItsPath()
        => AssertOnly(Validate(Str("name", "ANNA"), Str("nope", Secret)), QuestionnaireResponseValidationCodes.UnknownItem, "QuestionnaireResponse.item[1]", "nope");

    [Fact]
    public void ValidateJson_ItemUnderWrongParent_IsMisplaced()
    {
        var group = new JsonObject { ["linkId"] = "grp", ["item"] = new JsonArray(Str("name", "ANNA")) };

        var result = Validate(group);

        Assert.Contains(result.Errors, f => (f.Code, f.Path, f.LinkId) == (QuestionnaireResponseValidationCodes.MisplacedItem, "QuestionnaireResponse.item[0].item[0]", "name"));
    }

    [Fact]
    public void ValidateJson_ItemWithoutLinkId_IsMissingLinkId()
    {
        // R4 requires linkId, so the JSON parser refuses such a response: build it as a resource.
        var qr = FhirFormats.ParseJson<Hl7.Fhir.Model.QuestionnaireResponse>(Qr(Str("name", "ANNA")));
        qr.Item.Add(new Hl7.Fhir.Model.QuestionnaireResponse.ItemComponent { Answer = [new() { Value = new Hl7.Fhir.Model.FhirString(Secret) }] });

        var result = Validator.Validate(Form, qr);

        AssertOnly(result, QuestionnaireResponseValidationCodes.MissingLinkId, "QuestionnaireResponse.item[1]", null);
    }

    [Fact]
    public void ValidateJson_StringToIntegerItem_IsAnswerTypeAtTheAnswer()
        => AssertOnly(Validate(Str("name", "ANNA"), Str("age", Secret)), QuestionnaireResponseValidationCodes.AnswerType, "QuestionnaireResponse.item[1].answer[0]", "age");

    [Fact]
    public void ValidateJson_CodeNotAmongOptions_IsAnswerOption()
        => AssertOnly(Validate(Str("name", "ANNA"), Code("color", "green")), QuestionnaireResponseValidationCodes.AnswerOption, "QuestionnaireResponse.item[1].answer[0]", "color");

    [Fact]
    public void ValidateJson_StringOnChoice_IsRefusedButOnOpenChoiceAccepted()
    {
        AssertOnly(Validate(Str("name", "ANNA"), Str("color", Secret)), QuestionnaireResponseValidationCodes.AnswerType, "QuestionnaireResponse.item[1].answer[0]", "color");
        Assert.Empty(Validate(Str("name", "ANNA"), Str("open", Secret)).Findings);
        AssertOnly(Validate(Str("name", "ANNA"), Code("open", "blue")), QuestionnaireResponseValidationCodes.AnswerOption, "QuestionnaireResponse.item[1].answer[0]", "open");
    }

    [Fact]
    public void ValidateJson_SeveralAnswersOnNonRepeatingItem_IsRepeats()
        => AssertOnly(Validate(Str("name", "ANNA"), Int("age", 30, 31)), QuestionnaireResponseValidationCodes.Repeats, "QuestionnaireResponse.item[1]", "age");

    [Fact]
    public void ValidateJson_NonRepeatingGroupTwice_IsRepeats()
    {
        var group = new JsonObject { ["linkId"] = "grp", ["item"] = new JsonArray(Str("g1", "A")) };
        var again = new JsonObject { ["linkId"] = "grp", ["item"] = new JsonArray(Str("g1", "B")) };

        AssertOnly(Validate(Str("name", "ANNA"), group, again), QuestionnaireResponseValidationCodes.Repeats, "QuestionnaireResponse.item[2]", "grp");
    }

    [Fact]
    public void ValidateJson_RequiredMissing_IsRequired()
        => AssertOnly(Validate(Int("age", 30)), QuestionnaireResponseValidationCodes.Required, "QuestionnaireResponse", "name");

    [Fact]
    public void ValidateJson_RequiredItemDisabled_IsNotRequired()
    {
        Assert.Empty(Validate(Str("name", "ANNA"), Bool("smoker", false)).Findings);
        var enabled = Validate(Str("name", "ANNA"), Bool("smoker", true));
        AssertOnly(enabled, QuestionnaireResponseValidationCodes.Required, "QuestionnaireResponse", "packs");
    }

    [Fact]
    public void ValidateJson_AnswerOnItemDisabledByEnableWhen_IsAnswerOnDisabledItem()
        => AssertOnly(Validate(Str("name", "ANNA"), Bool("smoker", false), Int("packs", 3)), QuestionnaireResponseValidationCodes.AnswerOnDisabledItem, "QuestionnaireResponse.item[2].answer[0]", "packs");

    [Fact]
    public void ValidateJson_AnswerOnItemDisabledByEnableWhenExpression_IsAnswerOnDisabledItem()
    {
        AssertOnly(Validate(Str("name", "ANNA"), Int("age", 30), Str("why", Secret)), QuestionnaireResponseValidationCodes.AnswerOnDisabledItem, "QuestionnaireResponse.item[2].answer[0]", "why");
        Assert.Empty(Validate(Str("name", "ANNA"), Int("age", 70), Str("why", Secret)).Findings);
    }

    [Fact]
    public void ValidateJson_TooLong_IsMaxLength()
        => Assert.Contains(
            Validate(Str("name", "ABCDEFGHIJKLMNOP")).Errors,
            f => (f.Code, f.Path, f.LinkId) == (QuestionnaireResponseValidationCodes.MaxLength, "QuestionnaireResponse.item[0].answer[0]", "name"));

    [Fact]
    public void ValidateJson_OutOfRange_IsMinValueOrMaxValue()
    {
        AssertOnly(Validate(Str("name", "ANNA"), Int("age", -1)), QuestionnaireResponseValidationCodes.MinValue, "QuestionnaireResponse.item[1].answer[0]", "age");
        AssertOnly(Validate(Str("name", "ANNA"), Int("age", 121)), QuestionnaireResponseValidationCodes.MaxValue, "QuestionnaireResponse.item[1].answer[0]", "age");
    }

    [Fact]
    public void ValidateJson_NotMatchingRegex_IsRegex()
        => AssertOnly(Validate(Str("name", "anna")), QuestionnaireResponseValidationCodes.Regex, "QuestionnaireResponse.item[0].answer[0]", "name");

    [Fact]
    public void ValidateJson_ConstraintBroken_IsConstraintWithItsKey()
        => AssertOnly(Validate(Str("name", "ANNA"), Int("even", 3)), QuestionnaireResponseValidationCodes.ConstraintPrefix + "even-1", "QuestionnaireResponse.item[1]", "even");

    [Fact]
    public void ValidateJson_AnswerOnDisplayOrGroup_IsDisplayAnsweredOrGroupAnswered()
    {
        AssertOnly(Validate(Str("name", "ANNA"), Str("info", Secret)), QuestionnaireResponseValidationCodes.DisplayAnswered, "QuestionnaireResponse.item[1].answer[0]", "info");
        AssertOnly(Validate(Str("name", "ANNA"), Str("grp", Secret)), QuestionnaireResponseValidationCodes.GroupAnswered, "QuestionnaireResponse.item[1].answer[0]", "grp");
    }

    [Fact]
    public void ValidateJson_ReadOnlyAnswerChanged_IsReadOnlyChangedWarning()
    {
        var result = Validate(Str("name", "ANNA"), Str("ro", Secret));

        AssertOnly(result, QuestionnaireResponseValidationCodes.ReadOnlyChanged, "QuestionnaireResponse.item[1]", "ro", QuestionnaireResponseFindingSeverity.Warning);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void ValidateJson_OtherQuestionnaire_IsFormMismatchWarning()
    {
        var json = Qr(Str("name", "ANNA")).Replace("urn:test:validation|1.0", "urn:test:other|2", StringComparison.Ordinal);

        AssertOnly(Validator.ValidateJson(Form, json), QuestionnaireResponseValidationCodes.FormMismatch, "QuestionnaireResponse.questionnaire", null, QuestionnaireResponseFindingSeverity.Warning);
    }

    [Fact]
    public void ValidateJson_SeveralProblems_ReportsEveryOne()
    {
        var result = Validate(Int("age", 500), Str("nope", Secret), Bool("smoker", false), Int("packs", 1), Code("color", "green"), Str("info", Secret));

        Assert.Equal(
            new[]
            {
                QuestionnaireResponseValidationCodes.AnswerOnDisabledItem,
                QuestionnaireResponseValidationCodes.AnswerOption,
                QuestionnaireResponseValidationCodes.DisplayAnswered,
                QuestionnaireResponseValidationCodes.MaxValue,
                QuestionnaireResponseValidationCodes.Required,
                QuestionnaireResponseValidationCodes.UnknownItem,
            },
            result.Errors.Select(f => f.Code).Order(StringComparer.Ordinal).ToArray());
        Assert.All(result.Findings, f => Assert.DoesNotContain(Secret, f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateXml_SameResponse_SameFindings()
    {
        var json = Qr(Str("name", "anna"), Int("age", 500));
        var xml = FhirFormats.ToXml(FhirFormats.ParseJson<Hl7.Fhir.Model.QuestionnaireResponse>(json), pretty: false);

        Assert.Equal(Validator.ValidateJson(Form, json).Findings, Validator.ValidateXml(Form, xml).Findings);
    }

    [Fact]
    public void Validate_FormResponse_UsesTheExportPaths()
    {
        var response = new FormResponse
        {
            Form = Form.Reference,
            Items =
            [
                ResponseItem.Question("name", new StringAnswer("ANNA")),
                ResponseItem.Question("smoker", new BooleanAnswer(false)),
                ResponseItem.Question("packs", new IntegerAnswer(4)),
                ResponseItem.Question("age", new StringAnswer(Secret)),
            ],
        };

        var result = Validator.Validate(Form, response);

        Assert.Equal(
            new[] { (QuestionnaireResponseValidationCodes.AnswerOnDisabledItem, "QuestionnaireResponse.item[2].answer[0]"), (QuestionnaireResponseValidationCodes.AnswerType, "QuestionnaireResponse.item[3].answer[0]") },
            result.Errors.Select(f => (f.Code, f.Path)).Order().ToArray());
    }

    [Fact]
    public void Validate_NestedRepeatingGroupsOfSdcForm_PathsHaveIndexes()
    {
        var form = QuestionnaireFiles.Definition("sdc-test-nested-groups.json");
        var exported = QuestionnaireResponseMapper.Export(QuestionnaireFiles.Compiled("sdc-test-nested-groups.json").CreateInitialResponse());

        var result = Validator.Validate(form, exported);

        Assert.DoesNotContain(result.Errors, f => f.Code is QuestionnaireResponseValidationCodes.UnknownItem or QuestionnaireResponseValidationCodes.MisplacedItem);
    }

    [Theory]
    [MemberData(nameof(QuestionnaireFiles.All), MemberType = typeof(QuestionnaireFiles))]
    public void Validate_FilledSdcForm_AgreesWithTheEngine(string name)
    {
        var form = QuestionnaireFiles.Definition(name);
        var compiled = QuestionnaireFiles.Compiled(name);
        var filled = FormFiller.Fill(form);
        var evaluation = compiled.Evaluate(filled);

        var result = Validator.Validate(form, QuestionnaireResponseMapper.Export(evaluation.Response));

        Assert.Equal(evaluation.Problems.Count == 0, result.IsValid);
        Assert.DoesNotContain(result.Findings, f => f.Code is QuestionnaireResponseValidationCodes.UnknownItem or QuestionnaireResponseValidationCodes.MisplacedItem or QuestionnaireResponseValidationCodes.AnswerOnDisabledItem);
    }
}
