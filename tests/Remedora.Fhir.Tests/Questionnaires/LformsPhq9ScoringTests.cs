using CsCheck;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// LHC-Forms' own PHQ-9 (tests/data/questionnaires/lforms-phq9.json), whose total reads each answer's score with
/// <c>answerOption.where(valueCoding.code=...)</c>: scored by the instrument's rule (Not at all 0, Several days 1,
/// More than half the days 2, Nearly every day 3, summed over the nine problems; no total when none is answered).
/// </summary>
public class LformsPhq9ScoringTests
{
    private const string File = "wild/lforms-phq9.json";
    private const string Total = "/44261-6";

    private static readonly string[] Questions = ["/44250-9", "/44255-8", "/44259-0", "/44254-1", "/44251-7", "/44258-2", "/44252-5", "/44253-3", "/44260-8"];

    // The answer codes in the order of their scores 0 to 3.
    private static readonly string[] Codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

    private static readonly Lazy<CompiledForm> Compiled = new(() => QuestionnaireFiles.Engine.Compile(
        QuestionnaireMapper.ImportJson(QuestionnaireFiles.Json(File), new QuestionnaireImportOptions { FallbackUrl = "https://lhcforms.nlm.nih.gov/phq9" }).GetDefinitionOrThrow()));

    // The file as published has two small defects (a Duration value written as the string "1", variable names with '_'):
    // the default, tolerant import repairs them with warnings (issue 15 item 8), so the file is used as published.

    /// <summary>A response with the answer of score <c>scores[i]</c> to question i; a negative score leaves it unanswered.</summary>
    private static FormResponse Response(IReadOnlyList<int> scores) => new()
    {
        Form = Compiled.Value.Reference,
        Items = [.. Questions.Select((q, i) => scores[i] < 0
            ? ResponseItem.Question(q)
            : ResponseItem.Question(q, AnswerValue.Code("http://loinc.org", Codes[scores[i]])))],
    };

    private static decimal? TotalOf(FormResponse response)
    {
        var evaluation = Compiled.Value.Evaluate(response);
        Assert.DoesNotContain(evaluation.Problems, p => p.Code == IntakeProblemCodes.EvaluationFailed);
        var answers = evaluation.AnswersOf(Total);
        return answers.Count == 0 ? null : Assert.IsType<DecimalAnswer>(Assert.Single(answers)).Value;
    }

    [Fact]
    public void Evaluate_EveryQuestionAnswered_TotalIsTheSumOfTheScores()
    {
        // 1 + 2 + 3 + 0 + 1 + 2 + 3 + 0 + 1 = 13 (moderate depression).
        Assert.Equal(13m, TotalOf(Response([1, 2, 3, 0, 1, 2, 3, 0, 1])));
    }

    [Fact]
    public void Evaluate_AllNearlyEveryDay_TotalIsTheMaximum27()
        => Assert.Equal(27m, TotalOf(Response([3, 3, 3, 3, 3, 3, 3, 3, 3])));

    [Fact]
    public void Evaluate_OneQuestionAnswered_TotalIsThatScore()
        => Assert.Equal(2m, TotalOf(Response([-1, -1, -1, -1, 2, -1, -1, -1, -1])));

    [Fact]
    public void Evaluate_NothingAnswered_HasNoTotal()
        => Assert.Null(TotalOf(Response([-1, -1, -1, -1, -1, -1, -1, -1, -1])));

    [Fact]
    public void Evaluate_GeneratedAnswers_TotalAgreesWithTheInstrumentsRule()
    {
        // Independent reference: the PHQ-9 rule itself over the generated scores, not the form's expressions.
        Gen.Int[-1, 3].Array[9].Sample(
            scores =>
            {
                decimal? expected = scores.All(s => s < 0) ? null : scores.Where(s => s >= 0).Sum();
                return TotalOf(Response(scores)) == expected;
            },
            iter: 300,
            seed: "0N0XIzNsQ0O2");
    }
}
