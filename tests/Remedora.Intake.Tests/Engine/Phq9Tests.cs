using Remedora.Intake.Engine;
using Remedora.Clinical;

namespace Remedora.Intake.Tests.Engine;

public class Phq9Tests
{
    private readonly FormEngine _engine = new();

    [Fact]
    public void Evaluate_AllItemsAnswered_TotalIsSumOfOrdinals()
    {
        var form = SampleForms.Phq9();
        var evaluation = _engine.Evaluate(form, SampleForms.Phq9Answers(form, 0, 1, 2, 3, 0, 1, 2, 3, 0));

        Assert.True(evaluation.IsValid, string.Join("; ", evaluation.Problems));
        Assert.Equal(12m, evaluation.Score("total"));
        Assert.Equal("moderate", evaluation.GetScore("total")!.Band!.Code);
        Assert.Empty(evaluation.RedFlags);
        Assert.False(evaluation.BlocksAsyncApproval);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_Item9AboveZero_RaisesCriticalFlagThatBlocksAsyncApproval(int item9)
    {
        var form = SampleForms.Phq9();
        var evaluation = _engine.Evaluate(form, SampleForms.Phq9Answers(form, 0, 0, 0, 0, 0, 0, 0, 0, item9));

        var flag = Assert.Single(evaluation.RedFlags);
        Assert.Equal("phq9-self-harm", flag.RuleId);
        Assert.Equal(RedFlagSeverity.Critical, flag.Severity);
        Assert.Equal(RedFlagAction.EscalateToLiveVisit, flag.Action);
        Assert.DoesNotContain("could not be evaluated", flag.Description, StringComparison.Ordinal);
        Assert.Equal(RedFlagSeverity.Critical, evaluation.HighestSeverity);
        Assert.True(evaluation.BlocksAsyncApproval);
        Assert.True(evaluation.RequiresLiveVisit);
    }

    [Fact]
    public void Evaluate_SevereTotal_RaisesScoreBandFlag()
    {
        var form = SampleForms.Phq9();
        var evaluation = _engine.Evaluate(form, SampleForms.Phq9Answers(form, 3, 3, 3, 3, 3, 3, 2, 2, 0));

        Assert.Equal(22m, evaluation.Score("total"));
        var flag = Assert.Single(evaluation.RedFlags);
        Assert.Equal("phq9-severe", flag.RuleId);
        Assert.Equal(RedFlagSeverity.High, flag.Severity);
        Assert.False(evaluation.BlocksAsyncApproval);
    }

    [Fact]
    public void Evaluate_MissingItems_ReportsRequiredWithPathsAndPartialTotal()
    {
        var form = SampleForms.Phq9();
        var evaluation = _engine.Evaluate(form, SampleForms.Phq9Answers(form, 1, null, 1, null, 1, 1, 1, 1, 1));

        Assert.False(evaluation.IsValid);
        Assert.Equal(
            ["item[phq9].item[phq9-2]", "item[phq9].item[phq9-4]"],
            evaluation.Problems.Select(p => p.Path).ToArray());
        Assert.All(evaluation.Problems, p => Assert.Equal(IntakeProblemCodes.Required, p.Code));
        Assert.Equal(7m, evaluation.Score("total"));
    }

    [Fact]
    public void Evaluate_AnswerNotAnOption_ReportsAnswerOption()
    {
        var form = SampleForms.Phq9();
        var response = SampleForms.Phq9Answers(form, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var items = response.Items[0].Items.ToArray();
        items[2] = ResponseItem.Question("phq9-3", AnswerValue.Code(SampleForms.Phq9System, "7"));
        response = response with { Items = [response.Items[0] with { Items = items }] };

        var evaluation = _engine.Evaluate(form, response);

        var problem = Assert.Single(evaluation.Problems);
        Assert.Equal("item[phq9].item[phq9-3].answer", problem.Path);
        Assert.Equal(IntakeProblemCodes.AnswerOption, problem.Code);
    }

    [Fact]
    public void ThrowIfInvalid_Invalid_ThrowsValidationFailedWithEveryProblem()
    {
        var form = SampleForms.Phq9();
        var evaluation = _engine.Evaluate(form, SampleForms.Phq9Answers(form));

        var ex = Assert.Throws<ValidationFailedException>(evaluation.ThrowIfInvalid);
        Assert.Equal(9, ex.Problems.Count);
        Assert.Equal(RemedoraErrorCodes.ValidationFailed, ex.Code);
    }
}
