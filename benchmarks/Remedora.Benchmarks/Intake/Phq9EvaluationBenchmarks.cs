using BenchmarkDotNet.Attributes;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Engine;

namespace Remedora.Benchmarks.Intake;

/// <summary>
/// Evaluating one PHQ-9 submission (enable, validate, score, red flags) with the form engine, against a hand-written
/// C# method that does the same for the PHQ-9 only. The target is a ratio of at most 5.
/// </summary>
[MemoryDiagnoser]
public class Phq9EvaluationBenchmarks
{
    private const string System = "http://example.org/phq9-frequency";
    private static readonly FormCoding[] Frequencies =
    [
        new(System, "0", "Not at all"),
        new(System, "1", "Several days"),
        new(System, "2", "More than half the days"),
        new(System, "3", "Nearly every day"),
    ];

    private CompiledForm _compiled = null!;
    private FormResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = FormBuilder.Create("https://forms.remedora.test/phq-9", "1.0.0")
            .Group("phq9", "Over the last 2 weeks, how often have you been bothered by any of the following problems?", g =>
            {
                for (var i = 1; i <= 9; i++)
                {
                    g.Choice($"phq9-{i}", $"Question {i}", q =>
                    {
                        q.Required();
                        for (var score = 0; score < Frequencies.Length; score++)
                        {
                            q.Option(Frequencies[score], score);
                        }
                    });
                }
            })
            .SumScore("total", Enumerable.Range(1, 9).Select(i => $"phq9-{i}"), new ScoreBand("minimal", 0, 4), new ScoreBand("mild", 5, 9), new ScoreBand("moderate", 10, 14), new ScoreBand("moderately-severe", 15, 19), new ScoreBand("severe", 20, 27))
            .RedFlag("phq9-self-harm", RuleCondition.Ordinal("phq9-9", ComparisonOperator.GreaterThan, 0), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0")
            .RedFlag("phq9-severe", RuleCondition.ScoreInBand("total", "severe"), RedFlagSeverity.High, RedFlagAction.Prioritize, "PHQ-9 total in the severe band");
        var form = builder.Build();
        _compiled = new FormEngine().Compile(form);

        int[] answers = [1, 2, 0, 3, 1, 2, 0, 1, 1];
        var responseBuilder = FormResponseBuilder.For(form);
        for (var i = 0; i < answers.Length; i++)
        {
            responseBuilder.Answer($"phq9-{i + 1}", new CodingAnswer(Frequencies[answers[i]]));
        }

        _response = responseBuilder.Build();
        var engine = Engine();
        var hand = HandWritten();
        if (engine.Total != hand.Total || engine.Flags != hand.Flags || engine.Problems != hand.Problems)
        {
            throw new InvalidOperationException("The engine and the hand-written method disagree.");
        }
    }

    [Benchmark(Baseline = true)]
    public Phq9Outcome HandWritten() => HandWrittenPhq9.Evaluate(_response);

    [Benchmark]
    public Phq9Outcome Engine()
    {
        var evaluation = _compiled.Evaluate(_response);
        return new Phq9Outcome(evaluation.Score("total"), evaluation.RedFlags.Count, evaluation.Problems.Count);
    }

    /// <summary>What both methods return: the total, the number of red flags and of problems.</summary>
    public readonly record struct Phq9Outcome(decimal? Total, int Flags, int Problems);

    /// <summary>The PHQ-9 done by hand: every item required and one of the four options, total = sum, two red flags.</summary>
    private static class HandWrittenPhq9
    {
        public static Phq9Outcome Evaluate(FormResponse response)
        {
            var problems = new List<ValidationProblem>();
            Span<int> scores = stackalloc int[9];
            scores.Fill(-1);
            if (response.Form.Url != "https://forms.remedora.test/phq-9" || response.Form.Version != "1.0.0")
            {
                problems.Add(new ValidationProblem(string.Empty, "form-version-mismatch", "These answers are for a different version of this form."));
            }

            foreach (var group in response.Items)
            {
                if (group.LinkId != "phq9")
                {
                    problems.Add(new ValidationProblem($"item[{group.LinkId}]", "unknown-item", "This answer is to a question the form does not have."));
                    continue;
                }

                foreach (var item in group.Items)
                {
                    var index = item.LinkId.Length == 6 && item.LinkId.StartsWith("phq9-", StringComparison.Ordinal) ? item.LinkId[5] - '1' : -1;
                    if (index is < 0 or > 8)
                    {
                        problems.Add(new ValidationProblem($"item[phq9].item[{item.LinkId}]", "unknown-item", "This answer is to a question the form does not have."));
                        continue;
                    }

                    if (item.Answers.Count > 1)
                    {
                        problems.Add(new ValidationProblem($"item[phq9].item[{item.LinkId}]", "repeats", "This question takes only one answer."));
                    }

                    foreach (var answer in item.Answers)
                    {
                        var score = answer.Value is CodingAnswer { Value: { System: System or null, Code: { Length: 1 } code } } && code[0] is >= '0' and <= '3' ? code[0] - '0' : -1;
                        if (score < 0)
                        {
                            problems.Add(new ValidationProblem($"item[phq9].item[{item.LinkId}].answer", "answer-option", "Please choose one of the listed answers."));
                            continue;
                        }

                        scores[index] = score;
                    }
                }
            }

            decimal? total = null;
            for (var i = 0; i < 9; i++)
            {
                if (scores[i] < 0)
                {
                    problems.Add(new ValidationProblem($"item[phq9].item[phq9-{i + 1}]", "required", "Please answer this question."));
                }
                else
                {
                    total = (total ?? 0) + scores[i];
                }
            }

            var flags = new List<RedFlag>();
            if (scores[8] > 0)
            {
                flags.Add(new RedFlag("phq9-self-harm", RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0"));
            }

            if (total >= 20)
            {
                flags.Add(new RedFlag("phq9-severe", RedFlagSeverity.High, RedFlagAction.Prioritize, "PHQ-9 total in the severe band"));
            }

            return new Phq9Outcome(total, flags.Count, problems.Count);
        }
    }
}
