using Remedora.Intake.Building;
using Remedora.Intake.Engine;

namespace Remedora.Intake.Tests.Engine;

public class EnableWhenTests
{
    private static readonly FormEngine Engine = new();

    private static FormEvaluation Evaluate(FormDefinition form, Action<FormResponseBuilder> answer)
    {
        var builder = FormResponseBuilder.For(form);
        answer(builder);
        return new FormEngine().Evaluate(form, builder.Build());
    }

    public static TheoryData<FormItemType, AnswerValue, ComparisonOperator, AnswerValue, bool> Comparisons() => new()
    {
        { FormItemType.Boolean, AnswerValue.Of(true), ComparisonOperator.Equal, AnswerValue.Of(true), true },
        { FormItemType.Boolean, AnswerValue.Of(false), ComparisonOperator.Equal, AnswerValue.Of(true), false },
        { FormItemType.Boolean, AnswerValue.Of(false), ComparisonOperator.NotEqual, AnswerValue.Of(true), true },
        { FormItemType.Boolean, AnswerValue.Of(true), ComparisonOperator.GreaterThan, AnswerValue.Of(false), false },
        { FormItemType.Decimal, AnswerValue.Of(29.9m), ComparisonOperator.LessThan, AnswerValue.Of(30m), true },
        { FormItemType.Decimal, AnswerValue.Of(30m), ComparisonOperator.LessThan, AnswerValue.Of(30m), false },
        { FormItemType.Decimal, AnswerValue.Of(30m), ComparisonOperator.LessOrEqual, AnswerValue.Of(30), true },
        { FormItemType.Decimal, AnswerValue.Of(79.5m), ComparisonOperator.GreaterThan, AnswerValue.Of(79m), true },
        { FormItemType.Integer, AnswerValue.Of(2), ComparisonOperator.Equal, AnswerValue.Of(2m), true },
        { FormItemType.Integer, AnswerValue.Of(3), ComparisonOperator.NotEqual, AnswerValue.Of(3), false },
        { FormItemType.Integer, AnswerValue.Of(5), ComparisonOperator.GreaterOrEqual, AnswerValue.Of(5), true },
        { FormItemType.Date, AnswerValue.Of(new DateOnly(2000, 1, 2)), ComparisonOperator.GreaterThan, AnswerValue.Of(new DateOnly(2000, 1, 1)), true },
        { FormItemType.Date, AnswerValue.Of(new DateOnly(2000, 1, 1)), ComparisonOperator.LessOrEqual, AnswerValue.Of(new DateOnly(2000, 1, 1)), true },
        { FormItemType.Date, AnswerValue.Of(FormDate.Parse("2000")), ComparisonOperator.LessThan, AnswerValue.Of(new DateOnly(2000, 6, 1)), false },
        { FormItemType.Date, AnswerValue.Of(FormDate.Parse("1999")), ComparisonOperator.LessThan, AnswerValue.Of(new DateOnly(2000, 6, 1)), true },
        { FormItemType.DateTime, AnswerValue.Of(FormDateTime.Parse("2024-05-17T10:00:00+02:00")), ComparisonOperator.Equal, AnswerValue.Of(FormDateTime.Parse("2024-05-17T08:00:00Z")), true },
        { FormItemType.DateTime, AnswerValue.Of(FormDateTime.Parse("2024-05-17T10:00:00Z")), ComparisonOperator.GreaterThan, AnswerValue.Of(new DateOnly(2024, 5, 16)), true },
        { FormItemType.Time, AnswerValue.Of(new TimeOnly(11, 11, 12)), ComparisonOperator.GreaterThan, AnswerValue.Of(new TimeOnly(11, 11, 11)), true },
        { FormItemType.Time, AnswerValue.Of(new TimeOnly(11, 11, 11)), ComparisonOperator.LessOrEqual, AnswerValue.Of(new TimeOnly(11, 11, 11)), true },
        { FormItemType.String, AnswerValue.Of("b"), ComparisonOperator.GreaterThan, AnswerValue.Of("a"), true },
        { FormItemType.String, AnswerValue.Of("2"), ComparisonOperator.Equal, AnswerValue.Code("http://example.org", "2"), true },
        { FormItemType.Quantity, AnswerValue.Of(new FormQuantity(70, "kg", "http://unitsofmeasure.org", "kg")), ComparisonOperator.GreaterThan, AnswerValue.Of(new FormQuantity(60, "kg", "http://unitsofmeasure.org", "kg")), true },
        { FormItemType.Quantity, AnswerValue.Of(new FormQuantity(70, "kg", "http://unitsofmeasure.org", "kg")), ComparisonOperator.GreaterThan, AnswerValue.Of(new FormQuantity(60, "[lb_av]", "http://unitsofmeasure.org", "[lb_av]")), false },
        { FormItemType.Quantity, AnswerValue.Of(new FormQuantity(70, "kg")), ComparisonOperator.GreaterThan, AnswerValue.Of(60m), true },
        { FormItemType.Reference, AnswerValue.Of(new FormReference("Practitioner/1")), ComparisonOperator.Equal, AnswerValue.Of(new FormReference("Practitioner/1")), true },
        { FormItemType.Url, new UriAnswer("https://a.example"), ComparisonOperator.Equal, new UriAnswer("https://a.example"), true },
        { FormItemType.Attachment, AnswerValue.Of(new FormAttachment { Url = "u" }), ComparisonOperator.Equal, AnswerValue.Of(new FormAttachment { Url = "u" }), true },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void EnableWhen_EveryOperatorOnEveryType_ComparesAsFhirSpecifies(FormItemType type, AnswerValue answer, ComparisonOperator op, AnswerValue comparand, bool enabled)
    {
        var form = FormBuilder.Create("https://forms.remedora.test/ops", "1")
            .Item("q", type, "Q")
            .String("dependent", "D", d => d.EnableWhen("q", op, comparand))
            .Build();

        Assert.Equal(enabled, Evaluate(form, r => r.Answer("q", answer)).IsEnabled("dependent"));
    }

    [Theory]
    [InlineData("1.1", ComparisonOperator.LessThan, true)]
    [InlineData("2.2", ComparisonOperator.LessThan, false)]
    [InlineData("2.2", ComparisonOperator.GreaterOrEqual, true)]
    public void EnableWhen_CodedAnswerAgainstDecimal_ComparesTheCode(string code, ComparisonOperator op, bool enabled)
    {
        var form = FormBuilder.Create("https://forms.remedora.test/codes", "1")
            .Choice("radio", "R", q => q.Option(new FormCoding("http://example.org", "1.1")).Option(new FormCoding("http://example.org", "2.2")))
            .String("dependent", "D", d => d.EnableWhen("radio", op, AnswerValue.Of(2.1m)))
            .Build();

        Assert.Equal(enabled, Evaluate(form, r => r.Answer("radio", AnswerValue.Code("http://example.org", code))).IsEnabled("dependent"));
    }

    [Fact]
    public void EnableWhen_NoAnswer_NotEqualAndExistsFalseHoldOthersDoNot()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/empty", "1")
            .Integer("q", "Q")
            .String("ne", "NE", d => d.EnableWhen("q", ComparisonOperator.NotEqual, AnswerValue.Of(3)))
            .String("eq", "EQ", d => d.EnableWhen("q", ComparisonOperator.Equal, AnswerValue.Of(3)))
            .String("gt", "GT", d => d.EnableWhen("q", ComparisonOperator.GreaterThan, AnswerValue.Of(0)))
            .String("absent", "A", d => d.EnableWhenAnswered("q", answered: false))
            .String("present", "P", d => d.EnableWhenAnswered("q"))
            .Build();

        var evaluation = Evaluate(form, _ => { });

        Assert.Equal(
            [true, false, false, true, false],
            new[] { "ne", "eq", "gt", "absent", "present" }.Select(evaluation.IsEnabled).ToArray());
    }

    [Theory]
    [InlineData(EnableBehavior.All, true, true, true)]
    [InlineData(EnableBehavior.All, true, false, false)]
    [InlineData(EnableBehavior.Any, true, false, true)]
    [InlineData(EnableBehavior.Any, false, false, false)]
    public void EnableBehavior_AllAndAny_CombineConditions(EnableBehavior behavior, bool a, bool b, bool enabled)
    {
        var form = FormBuilder.Create("https://forms.remedora.test/behavior", "1")
            .Boolean("a", "A")
            .Boolean("b", "B")
            .String("d", "D", d => d.EnableBehavior(behavior)
                .EnableWhen("a", ComparisonOperator.Equal, AnswerValue.Of(true))
                .EnableWhen("b", ComparisonOperator.Equal, AnswerValue.Of(true)))
            .Build();

        Assert.Equal(enabled, Evaluate(form, r => r.Answer("a", AnswerValue.Of(a)).Answer("b", AnswerValue.Of(b))).IsEnabled("d"));
    }

    [Fact]
    public void Evaluate_DisabledParent_DisablesChildrenAndDropsTheirAnswersIncludingChains()
    {
        var form = FormBuilder.Create("https://forms.remedora.test/chain", "1")
            .Boolean("smoker", "Do you smoke?")
            .Group("smoking", "Smoking", g => g
                .EnableWhen("smoker", ComparisonOperator.Equal, AnswerValue.Of(true))
                .Integer("per-day", "How many per day?", q => q.Required())
                .Boolean("quit", "Want to quit?"))
            .String("quit-plan", "Plan", q => q.Required().EnableWhen("quit", ComparisonOperator.Equal, AnswerValue.Of(true)))
            .Build();

        var evaluation = Evaluate(form, r => r.Answer("smoker", AnswerValue.Of(false)).Answer("per-day", AnswerValue.Of(20)).Answer("quit", AnswerValue.Of(true)));

        Assert.True(evaluation.IsValid, string.Join("; ", evaluation.Problems));
        Assert.False(evaluation.IsEnabled("per-day"));
        Assert.False(evaluation.IsEnabled("quit-plan"));
        Assert.Equal(["smoker"], evaluation.Response.Items.Select(i => i.LinkId).ToArray());
    }

    [Fact]
    public void EnableWhen_InsideRepeatingGroup_LooksAtTheSameRepetition()
    {
        var form = MoreSampleForms.NestedRepeats();
        var response = FormResponseBuilder.For(form)
            .Answer("has-children", AnswerValue.Of(true))
            .Repetition("child", c => c.Answer("child-name", AnswerValue.Of("a")).Answer("child-age", AnswerValue.Of(3)).Answer("child-school", AnswerValue.Of(true)))
            .Repetition("child", c => c.Answer("child-name", AnswerValue.Of("b")).Answer("child-age", AnswerValue.Of(9)).Answer("child-school", AnswerValue.Of(true)))
            .Build();

        var evaluation = Engine.Evaluate(form, response);

        var school = evaluation.Items.Where(i => i.LinkId == "child-school").ToList();
        Assert.Equal([false, true], school.Select(s => s.Enabled).ToArray());
        Assert.Equal([AnswerValue.Of(2)], evaluation.AnswersOf("children-count"));
        Assert.True(evaluation.IsValid, string.Join("; ", evaluation.Problems));
    }

    [Fact]
    public void RepeatingGroup_NoOccurrence_IsNotValidatedUnlessRequired()
    {
        var form = MoreSampleForms.NestedRepeats();

        var noChildren = Engine.Evaluate(form, FormResponseBuilder.For(form).Answer("has-children", AnswerValue.Of(false)).Build());
        var childrenButNone = Engine.Evaluate(form, FormResponseBuilder.For(form).Answer("has-children", AnswerValue.Of(true)).Build());

        Assert.True(noChildren.IsValid, string.Join("; ", noChildren.Problems));
        var problem = Assert.Single(childrenButNone.Problems);
        Assert.Equal(("item[child][0]", IntakeProblemCodes.Required), (problem.Path, problem.Code));
    }
}
