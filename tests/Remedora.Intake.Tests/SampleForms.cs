using Remedora.Intake.Building;
using Remedora.Intake.Expressions;
using Remedora.Clinical;

namespace Remedora.Intake.Tests;

/// <summary>Forms built with the C# builder, shared by the tests.</summary>
internal static class SampleForms
{
    public const string Phq9System = "http://example.org/phq9-frequency";

    public static readonly FormCoding NotAtAll = new(Phq9System, "0", "Not at all");
    public static readonly FormCoding SeveralDays = new(Phq9System, "1", "Several days");
    public static readonly FormCoding MoreThanHalf = new(Phq9System, "2", "More than half the days");
    public static readonly FormCoding NearlyEveryDay = new(Phq9System, "3", "Nearly every day");

    public static readonly FormCoding[] Frequencies = [NotAtAll, SeveralDays, MoreThanHalf, NearlyEveryDay];

    public static readonly string[] Phq9Questions =
    [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself",
    ];

    public static readonly ScoreBand[] Phq9Bands =
    [
        new("minimal", 0, 4, "Minimal depression"),
        new("mild", 5, 9, "Mild depression"),
        new("moderate", 10, 14, "Moderate depression"),
        new("moderately-severe", 15, 19, "Moderately severe depression"),
        new("severe", 20, 27, "Severe depression"),
    ];

    public static string Phq9Item(int n) => $"phq9-{n}";

    /// <summary>PHQ-9 built in C#: total = sum of item ordinals; item 9 above 0 raises a critical red flag.</summary>
    public static FormDefinition Phq9(string version = "1.0.0") => FormBuilder.Create("https://forms.remedora.test/phq-9", version)
        .Title("Patient Health Questionnaire (PHQ-9)")
        .Status(FormStatus.Active)
        .Group("phq9", "Over the last 2 weeks, how often have you been bothered by any of the following problems?", g =>
        {
            for (var i = 1; i <= 9; i++)
            {
                g.Choice(Phq9Item(i), Phq9Questions[i - 1], q =>
                {
                    q.Required();
                    for (var score = 0; score < Frequencies.Length; score++)
                    {
                        q.Option(Frequencies[score], score);
                    }
                });
            }
        })
        .SumScore("total", Enumerable.Range(1, 9).Select(Phq9Item), Phq9Bands)
        .RedFlag("phq9-self-harm", RuleCondition.Ordinal(Phq9Item(9), ComparisonOperator.GreaterThan, 0), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 (thoughts of self-harm) answered above 'Not at all'")
        .RedFlag("phq9-severe", RuleCondition.ScoreInBand("total", "severe"), RedFlagSeverity.High, RedFlagAction.Prioritize, "PHQ-9 total in the severe band")
        .Build();

    /// <summary>Answers to the PHQ-9 with the given option scores (0-3) per item; null leaves an item unanswered.</summary>
    public static FormResponse Phq9Answers(FormDefinition form, params int?[] scores)
    {
        var builder = FormResponseBuilder.For(form);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] is { } s)
            {
                builder.Answer(Phq9Item(i + 1), new CodingAnswer(Frequencies[s]));
            }
        }

        return builder.Build();
    }

    /// <summary>A telehealth intake with every item type, conditions, repeats, limits, calculations and red flags.</summary>
    public static FormDefinition Telehealth(string version = "2.1.0") => FormBuilder.Create("https://forms.remedora.test/telehealth-intake", version)
        .Title("Telehealth intake")
        .Name("TelehealthIntake")
        .Status(FormStatus.Active)
        .Publisher("Remedora test practice")
        .Language("en")
        .SubjectType("Patient")
        .Code(new FormCoding("http://loinc.org", "74465-6", "Questionnaire response Document"))
        .Variable("bmiInputs", ctx => ctx.Answer("weight") is not null && ctx.Answer("height") is not null)
        .Group("about", "About you", g => g
            .Date("birth-date", "Date of birth", q => q.Required().MaxValue(AnswerValue.Of(new DateOnly(2025, 1, 1))).EntryFormat("yyyy-MM-dd"))
            .String("postal-code", "Postal code", q => q.MaxLength(10).Regex("[0-9]{5}", "12345"))
            .Boolean("pregnant", "Are you pregnant?")
            .Integer("weeks", "How many weeks?", q => q.EnableWhen("pregnant", ComparisonOperator.Equal, AnswerValue.Of(true)).Required().Between(1, 42))
            .Url("website", "Your pharmacy's web site"))
        .Group("vitals", "Measurements", g => g
            .Decimal("weight", "Weight", q => q.Unit("kg").Between(1, 400).MaxDecimalPlaces(1))
            .Decimal("height", "Height", q => q.Unit("m").Between(0.3m, 2.5m).MaxDecimalPlaces(2))
            .Decimal("bmi", "BMI", q => q.ReadOnly().Unit("kg/m2").Calculated(ctx =>
            {
                var weight = (ctx.Answer("weight") as DecimalAnswer)?.Value;
                var height = (ctx.Answer("height") as DecimalAnswer)?.Value;
                return weight is { } w && height is { } h && h > 0 ? Math.Round(w / (h * h), 1) : ExpressionResult.Empty;
            }))
            .Quantity("temperature", "Temperature", q => q.UnitOptions(new FormCoding("http://unitsofmeasure.org", "Cel", "°C"), new FormCoding("http://unitsofmeasure.org", "[degF]", "°F")))
            .Time("measured-at", "Time measured")
            .DateTime("symptoms-since", "When did the symptoms start?"))
        .Group("symptoms", "Symptoms", g => g
            .Choice("main-symptom", "Main symptom", q => q.Required()
                .Option(new FormCoding("http://snomed.info/sct", "271807003", "Rash"))
                .Option(new FormCoding("http://snomed.info/sct", "29857009", "Chest pain"))
                .Option(new FormCoding("http://snomed.info/sct", "25064002", "Headache")))
            .OpenChoice("other-symptoms", "Other symptoms", q => q.Repeats().Occurs(null, 3)
                .Option(new FormCoding("http://snomed.info/sct", "386661006", "Fever"))
                .Option(new FormCoding("http://snomed.info/sct", "422587007", "Nausea")))
            .Choice("pain", "Pain today (0-10)", q => q.Option(AnswerValue.Of(0)).Option(AnswerValue.Of(5)).Option(AnswerValue.Of(10)))
            .Text("details", "Describe the symptoms", q => q.MaxLength(500).MinLength(3))
            .Attachment("photo", "Photo of the affected area", q => q.AllowContentTypes("image/jpeg", "image/png").MaxAttachmentSize(5_000_000)
                .EnableWhen("main-symptom", ComparisonOperator.Equal, AnswerValue.Code("http://snomed.info/sct", "271807003"))))
        .Group("medications", "Current medications", g => g.Repeats().Occurs(null, 5)
            .String("medication-name", "Medication", q => q.Required())
            .Quantity("medication-dose", "Dose", q => q.UnitOptions(new FormCoding("http://unitsofmeasure.org", "mg", "mg")))
            .Reference("prescriber", "Prescriber")
            .Boolean("still-taking", "Still taking it?")
            .String("stopped-why", "Why did you stop?", q => q.EnableWhen("still-taking", ComparisonOperator.Equal, AnswerValue.Of(false))))
        .Display("thanks", "Thank you.")
        .RedFlag("chest-pain", RuleCondition.Answer("main-symptom", ComparisonOperator.Equal, AnswerValue.Code("http://snomed.info/sct", "29857009")), RedFlagSeverity.Critical, RedFlagAction.RefuseAsyncCare, "Chest pain reported")
        .RedFlag("fever-in-pregnancy", RuleCondition.All(
            RuleCondition.Answer("pregnant", ComparisonOperator.Equal, AnswerValue.Of(true)),
            RuleCondition.Answer("other-symptoms", ComparisonOperator.Equal, AnswerValue.Code("http://snomed.info/sct", "386661006"))), RedFlagSeverity.High, RedFlagAction.EscalateToLiveVisit, "Fever in pregnancy")
        .RedFlag("high-pain", ctx => (ctx.Answer("pain") as IntegerAnswer)?.Value >= 10, RedFlagSeverity.Moderate, RedFlagAction.Prioritize, "Pain 10 of 10")
        .Build();
}

/// <summary>More forms for the property tests.</summary>
internal static class MoreSampleForms
{
    /// <summary>Repeating groups inside repeating groups, conditions within a repetition and across levels, constraints.</summary>
    public static FormDefinition NestedRepeats() => FormBuilder.Create("https://forms.remedora.test/household", "1.0.0")
        .Boolean("has-children", "Do you have children?", q => q.Required())
        .Group("child", "Child", g => g.Repeats().Occurs(1, 4)
            .EnableWhen("has-children", ComparisonOperator.Equal, AnswerValue.Of(true))
            .String("child-name", "Name", q => q.Required().MaxLength(40))
            .Integer("child-age", "Age", q => q.Between(0, 25))
            .Boolean("child-school", "In school?", q => q.EnableWhen("child-age", ComparisonOperator.GreaterOrEqual, AnswerValue.Of(5)))
            .Group("allergy", "Allergy", a => a.Repeats()
                .EnableWhenAnswered("child-name")
                .String("allergen", "Allergen", q => q.Required())
                .Choice("reaction", "Reaction", q => q.Option(AnswerValue.Of("mild")).Option(AnswerValue.Of("severe"))
                    .Constraint("no-severe-without-allergen", ctx => ctx.Answer("reaction") is not StringAnswer { Value: "severe" } || ctx.Answer("allergen") is not null, "Tell us the allergen for a severe reaction."))
                .Integer("allergy-count", "Allergies so far", q => q.ReadOnly().Hidden().Calculated(ctx => ctx.Answers("allergen").Count))))
        .Integer("children-count", "Children", q => q.ReadOnly().Calculated(ctx => ctx.Answers("child-name").Count))
        .SumScore("none")
        .RedFlag("severe-reaction", RuleCondition.Answer("reaction", ComparisonOperator.Equal, AnswerValue.Of("severe")), RedFlagSeverity.High, RedFlagAction.EscalateToLiveVisit, "Severe allergic reaction reported")
        .Build();

    /// <summary>Chains of conditions with any/all, exists, != and comparisons on dates, times, decimals and codes.</summary>
    public static FormDefinition Conditions() => FormBuilder.Create("https://forms.remedora.test/conditions", "1.0.0")
        .Date("dob", "Date of birth")
        .String("adult-note", "Adults only", q => q.EnableWhen("dob", ComparisonOperator.LessOrEqual, AnswerValue.Of(new DateOnly(2006, 1, 1))))
        .Time("woke", "When did you wake?")
        .String("late", "Why late?", q => q.EnableWhen("woke", ComparisonOperator.GreaterThan, AnswerValue.Of(new TimeOnly(11, 11, 11))))
        .Decimal("temp", "Temperature", q => q.Unit("Cel").Between(30, 45).MaxDecimalPlaces(1))
        .Choice("grade", "Grade", q => q.Option(AnswerValue.Code("http://example.org", "1.1")).Option(AnswerValue.Code("http://example.org", "2.2")).Option(AnswerValue.Code("http://example.org", "3.3")))
        .Group("fever", "Fever", g => g
            .EnableBehavior(EnableBehavior.Any)
            .EnableWhen("temp", ComparisonOperator.GreaterOrEqual, AnswerValue.Of(38m))
            .EnableWhen("grade", ComparisonOperator.LessThan, AnswerValue.Of(2.1m))
            .Boolean("chills", "Chills?", q => q.Required())
            .String("chills-detail", "Describe", q => q.EnableWhen("chills", ComparisonOperator.Equal, AnswerValue.Of(true)).EnableWhen("grade", ComparisonOperator.NotEqual, AnswerValue.Code("http://example.org", "3.3"))))
        .Display("no-answer", "You skipped the temperature.", d => d.EnableWhenAnswered("temp", answered: false))
        .Url("link", "Link", q => q.Hidden())
        .Build();
}
