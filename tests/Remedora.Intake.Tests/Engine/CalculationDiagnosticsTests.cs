using Remedora.Intake.Engine;
using Remedora.Intake.Expressions;
using Remedora.Intake.Tests.Expressions;

namespace Remedora.Intake.Tests.Engine;

/// <summary>
/// Calculated values are the form's, never the patient's validation problem (issue 15, items 5 to 7): an empty
/// calculated string is no value, a calculated value that breaks a rule is a diagnostic, an editable calculated item whose
/// stored answer disagrees with its expression says so, and a calculation that cannot be evaluated says why, per item.
/// </summary>
public class CalculationDiagnosticsTests
{
    private const string Secret = "PLANTED-SECRET-4711";

    private static FormEngine Engine() => new([new TestLanguage()]);

    private static FormExpression Calc(string key, Func<ExpressionEvaluationContext, ExpressionResult> evaluate)
        => FormExpression.FromDelegate(key, c => evaluate(c));

    private static FormDefinition Form(params FormItem[] items) => new() { Url = "https://forms.remedora.test/calc", Version = "1", Items = items };

    private static FormResponse Answers(FormDefinition form, params (string LinkId, AnswerValue Value)[] answers)
        => new() { Form = form.Reference, Items = [.. answers.Select(a => new ResponseItem { LinkId = a.LinkId, Answers = [new ResponseAnswer(a.Value)] })] };

    private static bool Flag(ExpressionEvaluationContext c) => c.Answers("a").OfType<BooleanAnswer>().Any(b => b.Value);

    [Fact]
    public void Evaluate_ReadOnlyItemCalculatedAsEmptyString_IsNoValueAndTheAnswersAreValid()
    {
        // iif(a, 'X', ''): the calculation gives '' when a is false.
        var form = Form(
            new FormItem { LinkId = "a", Type = FormItemType.Boolean },
            new FormItem { LinkId = "svc", Type = FormItemType.String, ReadOnly = true, CalculatedExpression = Calc("svc", c => Flag(c) ? "X" : string.Empty) });

        var evaluation = Engine().Evaluate(form, Answers(form, ("a", AnswerValue.Of(false))));

        Assert.True(evaluation.IsValid, string.Join("; ", evaluation.Problems.Select(p => $"{p.Path} {p.Code}")));
        Assert.Empty(evaluation.AnswersOf("svc"));
        Assert.DoesNotContain(evaluation.Response.Items, i => i.LinkId == "svc");
    }

    [Fact]
    public void Evaluate_ReadOnlyItemCalculatedAsWhitespace_IsNoValue()
    {
        var form = Form(new FormItem { LinkId = "svc", Type = FormItemType.Text, Hidden = true, CalculatedExpression = Calc("ws", _ => "   ") });

        var evaluation = Engine().Evaluate(form, Answers(form));

        Assert.True(evaluation.IsValid);
        Assert.Empty(evaluation.AnswersOf("svc"));
    }

    [Fact]
    public void Evaluate_CalculatedStringWithValue_IsKept()
    {
        var form = Form(
            new FormItem { LinkId = "a", Type = FormItemType.Boolean },
            new FormItem { LinkId = "svc", Type = FormItemType.String, ReadOnly = true, CalculatedExpression = Calc("svc", c => Flag(c) ? "X" : string.Empty) });

        var evaluation = Engine().Evaluate(form, Answers(form, ("a", AnswerValue.Of(true))));

        Assert.True(evaluation.IsValid);
        Assert.Equal([new StringAnswer("X")], evaluation.AnswersOf("svc"));
    }

    [Fact]
    public void Evaluate_CalculatedValueBreaksItsItemsRules_IsADiagnosticNotAProblem()
    {
        var form = Form(
            new FormItem { LinkId = "long", Type = FormItemType.String, ReadOnly = true, MaxLength = 3, CalculatedExpression = Calc("long", _ => Secret) },
            new FormItem { LinkId = "high", Type = FormItemType.Integer, ReadOnly = true, MaxValue = AnswerValue.Of(5), CalculatedExpression = Calc("high", _ => ExpressionResult.Of(99)) },
            new FormItem
            {
                LinkId = "constrained",
                Type = FormItemType.Integer,
                ReadOnly = true,
                CalculatedExpression = Calc("c", _ => ExpressionResult.Of(7)),
                Constraints = [new FormConstraint { Key = "under-five", Expression = Calc("k", c => ExpressionResult.Of(false)), HumanMessage = "Must be under five." }],
            },
            new FormItem { LinkId = "required", Type = FormItemType.String, ReadOnly = true, Required = true, CalculatedExpression = Calc("r", _ => string.Empty) });

        var evaluation = Engine().Evaluate(form, Answers(form));

        Assert.True(evaluation.IsValid, string.Join("; ", evaluation.Problems.Select(p => $"{p.Path} {p.Code}")));
        var diagnostics = evaluation.Diagnostics.Where(d => d.Code == IntakeProblemCodes.CalculatedValueInvalid).ToList();
        Assert.Contains(diagnostics, d => d.Path == "item[long].answer" && d.Message.Contains(IntakeProblemCodes.MaxLength, StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Path == "item[high].answer" && d.Message.Contains(IntakeProblemCodes.MaxValue, StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Path == "item[constrained]" && d.Message.Contains("constraint:under-five", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Path == "item[required]" && d.Message.Contains(IntakeProblemCodes.Required, StringComparison.Ordinal));
        Assert.All(evaluation.Diagnostics, d => Assert.DoesNotContain(Secret, d.Message, StringComparison.Ordinal));
        Assert.All(evaluation.Diagnostics, d => Assert.DoesNotContain("99", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PatientAnswerBreaksARule_IsStillAProblem()
    {
        var form = Form(new FormItem { LinkId = "n", Type = FormItemType.Integer, MaxValue = AnswerValue.Of(5) });

        var evaluation = Engine().Evaluate(form, Answers(form, ("n", AnswerValue.Of(9))));

        Assert.Contains(evaluation.Problems, p => p.Path == "item[n].answer" && p.Code == IntakeProblemCodes.MaxValue);
    }

    [Fact]
    public void Evaluate_EditableCalculatedItemWithStoredValueThatDisagrees_KeepsItAndReportsATypedWarningWithoutValues()
    {
        // A stored PHQ-9-like total 13 over answers summing to 10.
        var form = Form(
            new FormItem { LinkId = "q1", Type = FormItemType.Integer },
            new FormItem { LinkId = "q2", Type = FormItemType.Integer },
            new FormItem
            {
                LinkId = "total",
                Type = FormItemType.Integer,
                CalculatedExpression = Calc("sum", c => ExpressionResult.Of(c.Answers("q1").Concat(c.Answers("q2")).OfType<IntegerAnswer>().Sum(a => a.Value))),
            });

        var evaluation = Engine().Evaluate(form, Answers(form, ("q1", AnswerValue.Of(4)), ("q2", AnswerValue.Of(6)), ("total", AnswerValue.Of(13))));

        Assert.True(evaluation.IsValid);
        Assert.Equal([new IntegerAnswer(13)], evaluation.AnswersOf("total"));
        var warning = Assert.Single(evaluation.Diagnostics, d => d.Code == IntakeProblemCodes.CalculationOverridden);
        Assert.Equal("item[total]", warning.Path);
        Assert.DoesNotContain("13", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EditableCalculatedItemWithStoredValueThatAgrees_ReportsNothing()
    {
        var form = Form(
            new FormItem { LinkId = "q1", Type = FormItemType.Integer },
            new FormItem { LinkId = "total", Type = FormItemType.Integer, CalculatedExpression = Calc("same", c => ExpressionResult.Of(c.Answers("q1").OfType<IntegerAnswer>().Sum(a => a.Value))) });

        var evaluation = Engine().Evaluate(form, Answers(form, ("q1", AnswerValue.Of(4)), ("total", AnswerValue.Of(4))));

        Assert.DoesNotContain(evaluation.Diagnostics, d => d.Code == IntakeProblemCodes.CalculationOverridden);
    }

    [Fact]
    public void Evaluate_CalculationUsesAMissingVariable_SaysSoForTheItem()
    {
        var form = Form(new FormItem { LinkId = "b", Type = FormItemType.Integer, ReadOnly = true, CalculatedExpression = TestLanguage.Expr("var:nope") });

        var evaluation = Engine().Evaluate(form, Answers(form));

        var diagnostic = Assert.Single(evaluation.Diagnostics);
        Assert.Equal(IntakeProblemCodes.VariableUnknown, diagnostic.Code);
        Assert.Equal("item[b].calculatedExpression", diagnostic.Path);
        Assert.Contains("%nope", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(evaluation.IsValid);
    }

    [Fact]
    public void Evaluate_CalculationFails_SaysSoForEachItemWithAReasonAndNoEngineMessage()
    {
        var form = Form(
            new FormItem { LinkId = "x", Type = FormItemType.Integer, ReadOnly = true, CalculatedExpression = Calc("x", _ => throw new NotSupportedException(Secret)) },
            new FormItem { LinkId = "y", Type = FormItemType.Integer, ReadOnly = true, CalculatedExpression = Calc("y", _ => throw new InvalidCastException(Secret)) });

        var evaluation = Engine().Evaluate(form, Answers(form));

        var x = Assert.Single(evaluation.Diagnostics, d => d.Path == "item[x].calculatedExpression");
        var y = Assert.Single(evaluation.Diagnostics, d => d.Path == "item[y].calculatedExpression");
        Assert.Equal(IntakeProblemCodes.ExpressionFailed, x.Code);
        Assert.Contains("function that is not supported", x.Message, StringComparison.Ordinal);
        Assert.Contains("types that do not fit", y.Message, StringComparison.Ordinal);
        Assert.All(evaluation.Diagnostics, d => Assert.DoesNotContain(Secret, d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_CalculationKeptFromImportButNotEvaluable_SaysSoForTheItem()
    {
        var form = Form(new FormItem
        {
            LinkId = "bmi",
            Type = FormItemType.Decimal,
            ReadOnly = true,
            Extensions = [new FormExtension("http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression", """{"url":"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression","valueExpression":{"language":"text/fhirpath","expression":"frobnicate(1)"}}""")],
        });

        var evaluation = Engine().Evaluate(form, Answers(form));

        var diagnostic = Assert.Single(evaluation.Diagnostics);
        Assert.Equal(IntakeProblemCodes.CalculationUnavailable, diagnostic.Code);
        Assert.Equal("item[bmi].calculatedExpression", diagnostic.Path);
    }
}
