using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Calculated values in FHIRPath forms (issue 15, items 5 to 7): an empty calculated string is no value, calculations
/// are never the patient's validation problem, and what cannot be calculated is said per item. The SDC cardiology
/// referral, filled, is accepted at submission.
/// </summary>
public class CalculatedValueTests
{
    // Each form gets its own version: the shared engine caches definitions by URL and version.
    private static FormDefinition Import(string items) => QuestionnaireMapper.ImportJson(
        $$"""{"resourceType":"Questionnaire","url":"https://forms.remedora.test/calc-fhir","version":"{{Guid.NewGuid():N}}","status":"active","item":[{{items}}]}""").Definition;

    private static FormResponse Answer(FormDefinition form, string linkId, AnswerValue value)
        => new() { Form = form.Reference, Items = [new ResponseItem { LinkId = linkId, Answers = [new ResponseAnswer(value)] }] };

    [Fact]
    public void Evaluate_ReadOnlyIifWithEmptyString_IsNoValueAndTheResponseIsValid()
    {
        var form = Import("""
            {"linkId":"a","type":"boolean"},
            {"linkId":"svc","type":"string","readOnly":true,"extension":[{"url":"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression","valueExpression":{"language":"text/fhirpath","expression":"iif(%resource.item.where(linkId='a').answer.value = true, 'X', '')"}}]}
            """);
        var compiled = QuestionnaireFiles.Engine.Compile(form);

        var off = compiled.Evaluate(Answer(form, "a", AnswerValue.Of(false)));
        var on = compiled.Evaluate(Answer(form, "a", AnswerValue.Of(true)));

        Assert.True(off.IsValid, string.Join("; ", off.Problems.Select(p => $"{p.Path} {p.Code}")));
        Assert.Empty(off.AnswersOf("svc"));
        Assert.True(on.IsValid);
        Assert.Equal([new StringAnswer("X")], on.AnswersOf("svc"));
    }

    [Fact]
    public void Evaluate_EditableTotalStoredAgainstItsExpression_KeepsTheStoredValueWithATypedWarning()
    {
        var form = Import("""
            {"linkId":"q1","type":"integer"},
            {"linkId":"q2","type":"integer"},
            {"linkId":"total","type":"integer","extension":[{"url":"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression","valueExpression":{"language":"text/fhirpath","expression":"%resource.item.where(linkId='q1' or linkId='q2').answer.value.sum()"}}]}
            """);
        var response = new FormResponse
        {
            Form = form.Reference,
            Items =
            [
                new ResponseItem { LinkId = "q1", Answers = [new ResponseAnswer(AnswerValue.Of(4))] },
                new ResponseItem { LinkId = "q2", Answers = [new ResponseAnswer(AnswerValue.Of(6))] },
                new ResponseItem { LinkId = "total", Answers = [new ResponseAnswer(AnswerValue.Of(13))] },
            ],
        };

        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, response);

        Assert.Equal([new IntegerAnswer(13)], evaluation.AnswersOf("total"));
        var warning = Assert.Single(evaluation.Diagnostics, d => d.Code == IntakeProblemCodes.CalculationOverridden);
        Assert.Equal("item[total]", warning.Path);
        Assert.DoesNotContain("13", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FhirPathUsingAnUndefinedVariable_SaysSoForTheItem()
    {
        var form = new FormDefinition
        {
            Url = "https://forms.remedora.test/calc-missing",
            Version = "1",
            Items = [new FormItem { LinkId = "b", Type = FormItemType.Integer, ReadOnly = true, CalculatedExpression = FormExpression.FhirPath("%nope + 1") }],
        };

        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [] });

        var diagnostic = Assert.Single(evaluation.Diagnostics);
        Assert.Equal(IntakeProblemCodes.VariableUnknown, diagnostic.Code);
        Assert.Equal("item[b].calculatedExpression", diagnostic.Path);
        Assert.True(evaluation.IsValid);
    }

    [Theory]
    [InlineData("frobnicate(%resource)")]
    [InlineData("%patient.birthDate")]
    public void Evaluate_ImportedCalculationThatCannotBeEvaluated_SaysSoForTheItemOnEveryEvaluation(string expression)
    {
        var form = Import($$$"""
            {"linkId":"q1","type":"integer"},
            {"linkId":"calc","type":"integer","readOnly":true,"extension":[{"url":"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression","valueExpression":{"language":"text/fhirpath","expression":"{{{expression}}}"}}]}
            """);

        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, Answer(form, "q1", AnswerValue.Of(3)));

        var diagnostic = Assert.Single(evaluation.Diagnostics, d => d.Code == IntakeProblemCodes.CalculationUnavailable);
        Assert.Equal("item[calc].calculatedExpression", diagnostic.Path);
        Assert.True(evaluation.IsValid);
    }

    [Fact]
    public void Submit_CardiologyReferralFilled_IsAccepted()
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.Cardiology);
        var response = FormFiller.Fill(compiled.Definition, item => item.LinkId switch
        {
            _ when item.LinkId.Contains("phone", StringComparison.Ordinal) || item.LinkId.Contains("fax", StringComparison.Ordinal) => new StringAnswer("555-123-4567"),
            _ when item.LinkId.Contains("postalcode", StringComparison.Ordinal) => new StringAnswer("K1A 0B1"),
            _ => null,
        });

        var evaluation = compiled.Evaluate(response);

        // Submission refuses exactly what ThrowIfInvalid refuses (IntakeSubmissionService evaluates, then throws if invalid).
        evaluation.ThrowIfInvalid();
        Assert.DoesNotContain(evaluation.Problems, p => p.Path.Contains("referralService", StringComparison.Ordinal));
        Assert.DoesNotContain(evaluation.Response.Items.SelectMany(Flatten), i => i.Answers.Any(a => a.Value is StringAnswer { Value: "" }));
    }

    [Fact]
    public void Submit_CardiologyReferralWithNoServiceChosen_HasNoEmptyCalculatedAnswer()
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.Cardiology);

        var evaluation = compiled.Evaluate(new FormResponse { Form = compiled.Reference, Items = [] });

        Assert.DoesNotContain(evaluation.Problems, p => p.Path.Contains("referralService", StringComparison.Ordinal));
        Assert.DoesNotContain(evaluation.Problems, p => p.Code == IntakeProblemCodes.Empty);
    }

    private static IEnumerable<ResponseItem> Flatten(ResponseItem item)
        => new[] { item }.Concat(item.Items.SelectMany(Flatten)).Concat(item.Answers.SelectMany(a => a.Items).SelectMany(Flatten));
}
