using Remedora.Intake.Building;
using Remedora.Intake.Engine;

namespace Remedora.Intake.Tests.Engine;

public class CompileTests
{
    [Fact]
    public void Compile_BrokenDefinition_ListsEveryErrorWithPathAndCode()
    {
        var form = new FormDefinition
        {
            Url = "https://forms.remedora.test/broken",
            Version = "1",
            Items =
            [
                new FormItem { LinkId = "a", Type = FormItemType.String, Regex = "([a-z" },
                new FormItem { LinkId = "a", Type = FormItemType.Integer },
                new FormItem { LinkId = "g", Type = FormItemType.Group, EnableWhen = [new EnableWhenCondition("nope", ComparisonOperator.Equal, AnswerValue.Of(1))] },
                new FormItem { LinkId = "b", Type = FormItemType.Boolean, EnableWhen = [new EnableWhenCondition("g", ComparisonOperator.Exists, AnswerValue.Of(true))] },
                new FormItem { LinkId = "c", Type = FormItemType.Boolean, EnableWhen = [new EnableWhenCondition("b", ComparisonOperator.Exists, AnswerValue.Of(1))] },
                new FormItem { LinkId = "x", Type = FormItemType.Boolean, EnableWhen = [new EnableWhenCondition("y", ComparisonOperator.Exists, AnswerValue.Of(true))] },
                new FormItem { LinkId = "y", Type = FormItemType.Boolean, EnableWhen = [new EnableWhenCondition("x", ComparisonOperator.Exists, AnswerValue.Of(true))] },
                new FormItem { LinkId = "v", Type = FormItemType.Choice, AnswerValueSet = "#missing" },
            ],
            Scores = [new FormScore { Name = "s", Items = ["zzz"] }],
            RedFlagRules =
            [
                new RedFlagRule { Id = "r", When = RuleCondition.ScoreInBand("s", "none"), Severity = Remedora.Clinical.RedFlagSeverity.Low, Action = Remedora.Clinical.RedFlagAction.Notify },
                new RedFlagRule { Id = "r", When = RuleCondition.Ordinal("c", ComparisonOperator.Exists, 1), Severity = Remedora.Clinical.RedFlagSeverity.Low, Action = Remedora.Clinical.RedFlagAction.Notify },
            ],
        };

        var ex = Assert.Throws<FormDefinitionException>(() => new FormEngine().Compile(form));

        var errors = ex.Issues.Where(i => i.Severity == FormIssueSeverity.Error).Select(i => (i.Path, i.Code)).ToList();
        Assert.Contains(("item[a].regex", FormDefinitionIssueCodes.RegexInvalid), errors);
        Assert.Contains(("item[a]", FormDefinitionIssueCodes.LinkIdDuplicate), errors);
        Assert.Contains(("item[g].enableWhen[0]", FormDefinitionIssueCodes.EnableWhenUnknownQuestion), errors);
        Assert.Contains(("item[b].enableWhen[0]", FormDefinitionIssueCodes.EnableWhenNotAQuestion), errors);
        Assert.Contains(("item[c].enableWhen[0]", FormDefinitionIssueCodes.EnableWhenExistsNeedsBoolean), errors);
        Assert.Contains(errors, e => e.Code == FormDefinitionIssueCodes.EnableWhenCycle);
        Assert.Contains(("item[v].answerValueSet", FormDefinitionIssueCodes.ValueSetNotFound), errors);
        Assert.Contains(("scores[s]", FormDefinitionIssueCodes.ScoreUnknownItem), errors);
        Assert.Contains(("redFlagRules[r].when", FormDefinitionIssueCodes.RedFlagUnknownBand), errors);
        Assert.Contains(("redFlagRules[r]", FormDefinitionIssueCodes.RedFlagDuplicate), errors);
        Assert.StartsWith("The form definition 'https://forms.remedora.test/broken|1' cannot be loaded: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_QuestionableDefinition_LoadsWithWarnings()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/warnings", "1")
            .Text("t", "Text", q => q.Initial(AnswerValue.Code("http://snomed.info/sct", "884001", "Initial")))
            .Boolean("b", "B", q => q.MaxLength(3).Initial(AnswerValue.Of(true), AnswerValue.Of(false)))
            .Choice("c", "C", q => q.AnswerValueSet("http://terminology.example.org/ValueSet/external").EnableWhen("b", ComparisonOperator.GreaterThan, AnswerValue.Of(new DateOnly(2000, 1, 1))))
            .Build();

        var compiled = new FormEngine().Compile(form);

        Assert.Equal(
            [FormDefinitionIssueCodes.InitialTypeMismatch, FormDefinitionIssueCodes.InitialMultipleNotRepeating, FormDefinitionIssueCodes.PropertyNotApplicable, FormDefinitionIssueCodes.ValueSetUnresolved, FormDefinitionIssueCodes.EnableWhenAnswerType],
            compiled.Warnings.Select(w => w.Code).ToArray());
        Assert.All(compiled.Warnings, w => Assert.Equal(FormIssueSeverity.Warning, w.Severity));
        Assert.True(compiled.Evaluate(FormResponseBuilder.For(form).Answer("c", AnswerValue.Code("http://any", "x")).Build()).IsValid);
    }

    [Fact]
    public void CreateInitialResponse_InitialValuesSelectedOptionsAndExpressions_AreFilledIn()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/initial", "1")
            .String("s", "S", q => q.Initial(AnswerValue.Of("YUP")))
            .Choice("multi", "M", q => q.Repeats().Option(AnswerValue.Code("x", "a"), initialSelected: true).Option(AnswerValue.Code("x", "b"), initialSelected: true).Option(AnswerValue.Code("x", "c")))
            .Integer("doubled", "D", q => q.InitialExpression(Remedora.Intake.FormExpression.FromDelegate("doubled:initial", ctx => ctx.Answer("s") is StringAnswer s ? AnswerValue.Of(s.Value.Length * 2) : Remedora.Intake.Expressions.ExpressionResult.Empty)))
            .Boolean("none", "N")
            .Build();

        var initial = new FormEngine().Compile(form).CreateInitialResponse();

        Assert.Equal(form.Reference, initial.Form);
        Assert.Equal(["s", "multi", "doubled"], initial.Items.Select(i => i.LinkId).ToArray());
        Assert.Equal([AnswerValue.Code("x", "a"), AnswerValue.Code("x", "b")], initial.Items[1].Answers.Select(a => a.Value).ToArray());
        Assert.Equal(AnswerValue.Of(6), initial.Items[2].Answers[0].Value);
    }
}
