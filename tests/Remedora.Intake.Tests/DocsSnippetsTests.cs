using Remedora.Clinical;
using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Expressions;
using Remedora.Intake.Serialization;

namespace Remedora.Intake.Tests;

/// <summary>The code of docs/intake.md, compiled and checked.</summary>
public class DocsSnippetsTests
{
    private static FormDefinition DocsForm() => FormBuilder.Create("https://forms.example.org/telehealth-intake", "2.1.0")
        .Title("Telehealth intake")
        .Group("about", "About you", g => g
            .Date("birth-date", "Date of birth", q => q.Required())
            .Boolean("pregnant", "Are you pregnant?")
            .Integer("weeks", "How many weeks?", q => q
                .EnableWhen("pregnant", ComparisonOperator.Equal, AnswerValue.Of(true))
                .Required().Between(1, 42)))
        .Group("vitals", "Measurements", g => g
            .Decimal("weight", "Weight", q => q.Unit("kg").Between(1, 400))
            .Decimal("height", "Height", q => q.Unit("m").Between(0.3m, 2.5m))
            .Decimal("bmi", "BMI", q => q.ReadOnly().Calculated(ctx =>
                ctx.Answer("weight") is DecimalAnswer w && ctx.Answer("height") is DecimalAnswer h
                    ? Math.Round(w.Value / (h.Value * h.Value), 1)
                    : ExpressionResult.Empty)))
        .Group("symptoms", "Symptoms", g => g
            .Choice("main-symptom", "Main symptom", q => q.Required()
                .Option(new FormCoding("http://snomed.info/sct", "271807003", "Rash"))
                .Option(new FormCoding("http://snomed.info/sct", "29857009", "Chest pain")))
            .Attachment("photo", "Photo of the affected area", q => q
                .AllowContentTypes("image/jpeg", "image/png").MaxAttachmentSize(5_000_000)))
        .Group("medications", "Current medications", g => g.Repeats()
            .String("medication-name", "Medication", q => q.Required()))
        .RedFlag("chest-pain",
            RuleCondition.Answer("main-symptom", ComparisonOperator.Equal, AnswerValue.Code("http://snomed.info/sct", "29857009")),
            RedFlagSeverity.Critical, RedFlagAction.RefuseAsyncCare, "Chest pain reported")
        .Build();

    [Fact]
    public void EvaluatingAnswers_AsDocumented()
    {
        var form = DocsForm();
        var engine = new FormEngine();
        var response = FormResponseBuilder.For(form)
            .Answer("birth-date", AnswerValue.Of(new DateOnly(1990, 4, 1)))
            .Answer("pregnant", AnswerValue.Of(true))
            .Answer("weight", AnswerValue.Of(70m)).Answer("height", AnswerValue.Of(1.78m))
            .Answer("main-symptom", AnswerValue.Code("http://snomed.info/sct", "29857009"))
            .Repetition("medications", r => r.Answer("medication-name", AnswerValue.Of("ibuprofen")))
            .Build();

        var evaluation = engine.Evaluate(form, response);

        Assert.False(evaluation.IsValid);
        var problem = Assert.Single(evaluation.Problems);
        Assert.Equal(("item[about].item[weeks]", "required", "Please answer this question."), (problem.Path, problem.Code, problem.Message));
        Assert.Equal([AnswerValue.Of(22.1m)], evaluation.AnswersOf("bmi"));
        Assert.True(evaluation.BlocksAsyncApproval);
        Assert.Equal(FormJson.Serialize(form), FormJson.Serialize(FormJson.DeserializeDefinition(FormJson.Serialize(form))));
    }
}
