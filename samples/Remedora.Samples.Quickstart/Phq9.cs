using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;

namespace Remedora.Samples.Quickstart;

/// <summary>The PHQ-9 depression questionnaire, built with the intake form builder, with its total score and a red flag.</summary>
internal static class Phq9
{
    /// <summary>The answer options, scored 0 to 3.</summary>
    public static readonly FormCoding[] Frequencies =
    [
        new("http://loinc.org", "LA6568-5", "Not at all"),
        new("http://loinc.org", "LA6569-3", "Several days"),
        new("http://loinc.org", "LA6570-1", "More than half the days"),
        new("http://loinc.org", "LA6571-9", "Nearly every day"),
    ];

    private static readonly string[] Questions =
    [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ];

    // #region phq9
    // begin-snippet: quickstart-phq9-form
    /// <summary>Gets the form: nine required items, the total as the sum of their scores, and the self-harm red flag.</summary>
    public static FormDefinition Form { get; } = FormBuilder.Create("https://forms.example.org/phq-9", "1.0.0")
        .Title("Patient Health Questionnaire (PHQ-9)")
        .Status(FormStatus.Active)
        .Group("phq9", "Over the last 2 weeks, how often have you been bothered by the following problems?", group =>
        {
            for (var i = 1; i <= Questions.Length; i++)
            {
                group.Choice($"phq9-{i}", Questions[i - 1], item =>
                {
                    item.Required();
                    for (var score = 0; score < Frequencies.Length; score++)
                    {
                        item.Option(Frequencies[score], score);
                    }
                });
            }
        })
        .SumScore("phq9-total")
        .RedFlag(
            "phq9-self-harm",
            RuleCondition.Ordinal("phq9-9", ComparisonOperator.GreaterThan, 0),
            RedFlagSeverity.Critical,
            RedFlagAction.EscalateToLiveVisit,
            "PHQ-9 item 9 above 'Not at all'")
        .Build();
    // end-snippet
    // #endregion phq9
}
