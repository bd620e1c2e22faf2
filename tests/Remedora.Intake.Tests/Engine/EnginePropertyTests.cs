using CsCheck;
using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Serialization;
using Remedora.Intake.Tests.Expressions;
using Remedora.Intake.Tests.Serialization;

namespace Remedora.Intake.Tests.Engine;

/// <summary>No input makes the engine throw: every problem is a validation result. 12,500 generated answer sets across five forms, plus 2,000 PHQ-9 scorings.</summary>
public class EnginePropertyTests
{
    private const int IterationsPerForm = 2_500;
    private static readonly FormEngine Engine = new([new TestLanguage()]);

    public static TheoryData<string> Forms() => new("phq-9", "telehealth", "household", "conditions", "kitchen-sink");

    private static FormDefinition Form(string name) => name switch
    {
        "phq-9" => SampleForms.Phq9(),
        "telehealth" => SampleForms.Telehealth(),
        "household" => MoreSampleForms.NestedRepeats(),
        "conditions" => MoreSampleForms.Conditions(),
        _ => FormJsonTests.KitchenSink(),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Evaluate_AnyAnswers_NeverThrowsAndReportsEveryProblemAsAResult(string name)
    {
        var form = Form(name);
        var compiled = Engine.Compile(form);
        var evaluated = 0;

        Gen.UInt.Array[0, 400].Sample(
            choices =>
            {
                var response = new ResponseFuzzer(form, choices).Build();
                var evaluation = compiled.Evaluate(response);
                Interlocked.Increment(ref evaluated);

                Assert.DoesNotContain(evaluation.Problems, p => p.Code == IntakeProblemCodes.EvaluationFailed);
                foreach (var problem in evaluation.Problems.Concat(evaluation.Warnings).Concat(evaluation.Diagnostics))
                {
                    Assert.False(string.IsNullOrWhiteSpace(problem.Code));
                    Assert.False(string.IsNullOrWhiteSpace(problem.Message));
                    Assert.DoesNotContain(ResponseFuzzer.Marker, problem.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain(ResponseFuzzer.Marker, problem.Path, StringComparison.Ordinal);
                }

                // Answers of disabled items are dropped; what is kept evaluates to itself (dropping is idempotent).
                Assert.All(Flatten(evaluation.Response.Items), item => Assert.True(evaluation.IsEnabled(item.LinkId), item.LinkId));
                var again = compiled.Evaluate(evaluation.Response);
                Assert.Equal(FormJson.Serialize(evaluation.Response), FormJson.Serialize(again.Response));
                Assert.Equal(evaluation.RedFlags, again.RedFlags);
                Assert.Equal(evaluation.Scores, again.Scores);
            },
            iter: IterationsPerForm);

        Assert.Equal(IterationsPerForm, evaluated);
    }

    [Fact]
    public void Evaluate_Phq9AnyValidAnswers_TotalIsSumOfOrdinalsAndItem9RaisesTheFlag()
    {
        var form = SampleForms.Phq9();
        var compiled = Engine.Compile(form);

        Gen.Int[0, 4].Array[9].Sample(
            picks =>
            {
                var scores = picks.Select(p => p == 4 ? (int?)null : p).ToArray();
                var evaluation = compiled.Evaluate(SampleForms.Phq9Answers(form, scores));

                var answered = scores.Where(s => s is not null).ToArray();
                Assert.Equal(answered.Length == 0 ? null : answered.Sum(s => (decimal)s!.Value), evaluation.Score("total"));
                Assert.Equal(scores.Length - answered.Length, evaluation.Problems.Count(p => p.Code == IntakeProblemCodes.Required));
                Assert.Equal(answered.Length == 9, evaluation.IsValid);
                Assert.Equal(scores[8] > 0, evaluation.RedFlags.Any(f => f.RuleId == "phq9-self-harm"));
                Assert.Equal(scores[8] > 0, evaluation.BlocksAsyncApproval);
            },
            iter: 2_000);
    }

    private static IEnumerable<ResponseItem> Flatten(IEnumerable<ResponseItem> items)
    {
        foreach (var item in items)
        {
            yield return item;
            foreach (var child in Flatten(item.Items.Concat(item.Answers.SelectMany(a => a.Items))))
            {
                yield return child;
            }
        }
    }
}
