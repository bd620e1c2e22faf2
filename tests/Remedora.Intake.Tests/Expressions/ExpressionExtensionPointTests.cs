using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Expressions;
using Remedora.Intake.Serialization;

namespace Remedora.Intake.Tests.Expressions;

public class ExpressionExtensionPointTests
{
    private static FormDefinition CalculatedForm(string language = TestLanguage.MediaType) => FormBuilder.Create("https://forms.remedora.test/calc", "1")
        .Variable(new FormExpression { Language = language, Expression = "answer:weight", Name = "w" })
        .Decimal("weight", "Weight")
        .Decimal("copy", "Copy", q => q.ReadOnly().Calculated(new FormExpression { Language = language, Expression = "var:w" }))
        .Boolean("flag", "Flag", q => q.EnableWhenExpression(new FormExpression { Language = language, Expression = "answer:weight" }))
        .Build();

    [Fact]
    public void Compile_UnregisteredLanguage_ThrowsTypedErrorNamingTheLanguage()
    {
        var engine = new FormEngine();

        var ex = Assert.Throws<FormDefinitionException>(() => engine.Compile(CalculatedForm("text/cql")));

        Assert.Equal(FormDefinitionException.ErrorCode, ex.Code);
        Assert.Equal(3, ex.Issues.Count(i => i.Code == FormDefinitionIssueCodes.ExpressionLanguageUnsupported));
        Assert.Contains("item[copy].calculatedExpression", ex.Issues.Select(i => i.Path));
        Assert.Contains("No expression language 'text/cql' is registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidExpression_ReportsTheLanguagesMessage()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/bad", "1")
            .Decimal("x", "X", q => q.Calculated(TestLanguage.Expr("bad")))
            .Build();

        var ex = Assert.Throws<FormDefinitionException>(() => new FormEngine([new TestLanguage()]).Compile(form));

        var issue = Assert.Single(ex.Issues);
        Assert.Equal(FormDefinitionIssueCodes.ExpressionInvalid, issue.Code);
        Assert.Equal("item[x].calculatedExpression", issue.Path);
        Assert.Equal("Unexpected token 'bad' at position 0.", issue.Message);
    }

    [Fact]
    public void Compile_SameVersionTwice_CompilesExpressionsOnce()
    {
        var language = new TestLanguage();
        var engine = new FormEngine([language]);
        var form = CalculatedForm();

        var first = engine.Compile(form);
        for (var i = 0; i < 50; i++)
        {
            engine.Evaluate(form, FormResponseBuilder.For(form).Answer("weight", AnswerValue.Of(70m + i)).Build());
        }

        var again = engine.Compile(FormJson.DeserializeDefinition(FormJson.Serialize(form)));

        Assert.Same(first, again);
        Assert.Equal(3, language.Compilations);
    }

    [Fact]
    public void Compile_DifferentContentSameVersion_ThrowsVersionConflict()
    {
        var engine = new FormEngine([new TestLanguage()]);
        engine.Compile(CalculatedForm());
        var changed = CalculatedForm() with { Title = "Changed" };

        var ex = Assert.Throws<FormVersionConflictException>(() => engine.Compile(changed));

        Assert.Equal(FormVersionConflictException.ErrorCode, ex.Code);
    }

    [Fact]
    public void Compile_TellsLanguageRoleItemAndScope()
    {
        var language = new TestLanguage();
        new FormEngine([language]).Compile(CalculatedForm());

        Assert.Contains((ExpressionRole.Variable, (string?)null), language.Seen.Select(s => (s.Role, s.LinkId)));
        var calc = language.Seen.Single(s => s.Role == ExpressionRole.CalculatedValue);
        Assert.Equal("copy", calc.LinkId);
        Assert.Equal(["w"], calc.Scope);
        Assert.Contains(ExpressionRole.EnableWhen, language.Seen.Select(s => s.Role));
    }

    [Fact]
    public void Evaluate_VariablesAndCalculatedValues_FlowIntoAnswers()
    {
        var form = CalculatedForm();
        var engine = new FormEngine([new TestLanguage()]);

        var evaluation = engine.Evaluate(form, FormResponseBuilder.For(form).Answer("weight", AnswerValue.Of(72.5m)).Build());

        Assert.Equal([AnswerValue.Of(72.5m)], evaluation.AnswersOf("copy"));
        Assert.True(evaluation.IsEnabled("flag"));
        var copy = Assert.Single(evaluation.Response.Items, i => i.LinkId == "copy");
        Assert.Equal(AnswerValue.Of(72.5m), Assert.Single(copy.Answers).Value);
    }

    [Fact]
    public void Evaluate_ExpressionThrows_IsADiagnosticNotAnException()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/throws", "1")
            .Decimal("x", "X", q => q.ReadOnly().Calculated(TestLanguage.Expr("throw")))
            .Boolean("y", "Y", q => q.EnableWhenExpression(TestLanguage.Expr("throw")))
            .Build();

        var evaluation = new FormEngine([new TestLanguage()]).Evaluate(form, FormResponseBuilder.For(form).Build());

        Assert.True(evaluation.IsValid);
        Assert.Equal(2, evaluation.Diagnostics.Count(d => d.Code == IntakeProblemCodes.ExpressionFailed));
        Assert.False(evaluation.IsEnabled("y"));
        Assert.DoesNotContain("boom", string.Join(" ", evaluation.Diagnostics.Select(d => d.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CalculatedResultOfWrongType_IsADiagnostic()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/type", "1")
            .Boolean("x", "X", q => q.ReadOnly().Calculated(TestLanguage.Expr("decimal:2.5")))
            .Decimal("opaque", "O", q => q.ReadOnly().Calculated(TestLanguage.Expr("opaque")))
            .Build();

        var evaluation = new FormEngine([new TestLanguage()]).Evaluate(form, FormResponseBuilder.For(form).Build());

        Assert.Equal(2, evaluation.Diagnostics.Count(d => d.Code == IntakeProblemCodes.CalculationType));
        Assert.Empty(evaluation.AnswersOf("x"));
    }

    [Fact]
    public void Evaluate_SelfReferencingVariable_EndsWithDiagnostic()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/loop", "1")
            .Variable(TestLanguage.Expr("var:a", "a"))
            .Decimal("x", "X", q => q.ReadOnly().Calculated(TestLanguage.Expr("var:a")))
            .Build();

        var evaluation = new FormEngine([new TestLanguage()]).Evaluate(form, FormResponseBuilder.For(form).Build());

        Assert.Contains(evaluation.Diagnostics, d => d.Code == IntakeProblemCodes.ExpressionFailed);
    }

    [Fact]
    public void Evaluate_ItemExpression_SeesContextItemAndResponse()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/context", "1")
            .Group("meds", "Meds", g => g.Repeats()
                .String("name", "Name")
                .String("echo", "Echo", q => q.ReadOnly().Calculated(TestLanguage.Expr("answer:name"))))
            .Integer("count", "Count", q => q.ReadOnly().Calculated(TestLanguage.Expr("response-items:meds")))
            .Build();
        var response = FormResponseBuilder.For(form)
            .Repetition("meds", r => r.Answer("name", AnswerValue.Of("a")))
            .Repetition("meds", r => r.Answer("name", AnswerValue.Of("b")))
            .Build();

        var evaluation = new FormEngine([new TestLanguage()]).Evaluate(form, response);

        var echoes = evaluation.Items.Where(i => i.LinkId == "echo").ToList();
        Assert.Equal(["item[meds][0].item[echo]", "item[meds][1].item[echo]"], echoes.Select(e => e.Path).ToArray());
        Assert.Equal([AnswerValue.Of("a"), AnswerValue.Of("b")], echoes.Select(e => Assert.Single(e.Answers)).ToArray());
        Assert.Equal([AnswerValue.Of(2)], evaluation.AnswersOf("count"));
    }

    [Fact]
    public void DelegateLanguage_FormReadFromJson_BindsRegisteredDelegateByKey()
    {
        var built = SampleForms.Telehealth();
        var json = FormJson.Serialize(built);
        var read = FormJson.DeserializeDefinition(json);

        var unbound = Assert.Throws<FormDefinitionException>(() => new FormEngine().Compile(read));
        Assert.Contains(unbound.Issues, i => i.Code == FormDefinitionIssueCodes.ExpressionInvalid && i.Message.Contains("bmi:calculated", StringComparison.Ordinal));

        var delegates = new DelegateExpressionLanguage()
            .Register("variable:bmiInputs", _ => true)
            .Register("bmi:calculated", _ => 21.5m)
            .Register("redFlag:high-pain", _ => false);
        var evaluation = new FormEngine([delegates]).Evaluate(read, FormResponseBuilder.For(read).Build());

        Assert.Equal([AnswerValue.Of(21.5m)], evaluation.AnswersOf("bmi"));
    }
}
