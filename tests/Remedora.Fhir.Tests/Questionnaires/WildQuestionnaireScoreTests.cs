using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Public questionnaires from other projects (tests/data/questionnaires/wild, sources and licences in its README),
/// imported as published and scored; every expected value is worked out by hand from the instrument's published rule,
/// written beside it. Responses are imported from QuestionnaireResponse JSON built from the Questionnaire's own options.
/// </summary>
public class WildQuestionnaireScoreTests
{
    private const string Gad7 = "wild/rkof-gad7.json";
    private const string Ipss = "wild/rkof-ipss.json";
    private const string Phq9 = "wild/rkof-phq9.json";
    private const string Bmi = "wild/lforms-weight-height-bmi.json";
    private const string Cvd = "wild/smartforms-cvd-check.json";

    private static readonly Dictionary<string, FormDefinition> Loaded = new(StringComparer.Ordinal);

    /// <summary>The file's JSON, as published.</summary>
    internal static string Json(string file) => QuestionnaireFiles.Json(file);

    /// <summary>The file imported (tolerant, the default), once per test run.</summary>
    internal static FormDefinition Load(string file)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(file, out var form))
            {
                form = QuestionnaireMapper.ImportJson(Json(file)).Definition;
                Loaded[file] = form;
            }

            return form;
        }
    }

    /// <summary>The imported form with a score added (the files carry option scores but no total), under a version of its own.</summary>
    internal static FormDefinition Scored(string file, FormScore score, string tag)
    {
        lock (Loaded)
        {
            var key = $"{file}+{tag}";
            if (!Loaded.TryGetValue(key, out var form))
            {
                var loaded = Load(file);
                form = loaded with { Version = $"{loaded.Version}+{tag}", Scores = [score] };
                Loaded[key] = form;
            }

            return form;
        }
    }

    /// <summary>Answers question i (in document order, scored questions only) with its option <c>choices[i]</c>; -1 leaves it unanswered.</summary>
    internal static FormResponse Respond(string file, FormDefinition form, IReadOnlyList<int> choices)
    {
        var questionnaire = QuestionnaireJson.Parse(Json(file));
        var index = 0;
        var json = QuestionnaireJson.Response(questionnaire, item =>
        {
            var options = QuestionnaireJson.Options(questionnaire, item);
            if (options.Count == 0 || index >= choices.Count)
            {
                return [];
            }

            var choice = choices[index++];
            return choice < 0 ? [] : [options[choice].Value];
        });
        var imported = QuestionnaireResponseMapper.ImportJson(json, form);
        Assert.DoesNotContain(imported.Issues, i => i.Code is QuestionnaireResponseImportIssueCodes.UnknownItem or QuestionnaireResponseImportIssueCodes.AnswerTypeMismatch);
        return imported.Response;
    }

    private static ScoreResult Score(FormDefinition form, FormResponse response)
    {
        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, response);
        return Assert.Single(evaluation.Scores);
    }

    // ------------------------------------------------------------------ GAD-7

    // GAD-7 (Spitzer et al. 2006): 7 items scored 0-3 (not at all, several days, more than half the days, nearly every
    // day), total 0-21; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe anxiety.
    private static readonly FormScore Gad7Total = new()
    {
        Name = "total",
        Bands = [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("severe", 15, 21)],
    };

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0 }, 0, "minimal")] // 0
    [InlineData(new[] { 1, 1, 1, 1, 1, 0, 0 }, 5, "mild")] // 1+1+1+1+1 = 5
    [InlineData(new[] { 0, 1, 2, 3, 3, 2, 1 }, 12, "moderate")] // 0+1+2+3+3+2+1 = 12
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3 }, 21, "severe")] // 7 x 3 = 21
    public void Evaluate_ResearchKitGad7_TotalAndBandAsPublished(int[] choices, int total, string band)
    {
        var form = Scored(Gad7, Gad7Total, "gad7-rule");

        var score = Score(form, Respond(Gad7, form, choices));

        Assert.Equal((total, band), (score.Value, score.Band?.Code));
    }

    // ------------------------------------------------------------------ IPSS

    // IPSS (AUA symptom index, Barry et al. 1992): 7 items scored 0-5 (six frequency items, not at all .. almost always;
    // nocturia: the number of times, none .. 5 or more), total 0-35; 0-7 mild, 8-19 moderate, 20-35 severe. The file's
    // nocturia options are codes "0".."5" without a score, so the total adds the code as a number, as the rule says.
    private static readonly FormScore IpssTotal = new()
    {
        Name = "total",
        Method = ScoreMethod.Expression,
        Expression = new FormExpression
        {
            Language = "text/fhirpath",
            Expression = "%resource.answers().value.ordinal().sum() + %resource.repeat(item).where(linkId='0c29668e-2c78-40cc-827f-d9c200284aa2').answer.value.code.toInteger().sum()",
        },
        Bands = [new("mild", 0, 7), new("moderate", 8, 19), new("severe", 20, 35)],
    };

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0 }, 0, "mild")] // 0
    [InlineData(new[] { 1, 0, 2, 0, 1, 3, 2 }, 9, "moderate")] // 1+0+2+0+1+3 = 7, nocturia 2: 9
    [InlineData(new[] { 5, 4, 3, 2, 1, 0, 5 }, 20, "severe")] // 5+4+3+2+1+0 = 15, nocturia 5: 20
    [InlineData(new[] { 5, 5, 5, 5, 5, 5, 5 }, 35, "severe")] // 6 x 5 + 5 = 35
    public void Evaluate_ResearchKitIpss_TotalAndBandAsPublished(int[] choices, int total, string band)
    {
        var form = Scored(Ipss, IpssTotal, "ipss-rule");

        var score = Score(form, Respond(Ipss, form, choices));

        Assert.Equal((total, band), (score.Value, score.Band?.Code));
    }

    // ------------------------------------------------------------------ PHQ-9 (ResearchKitOnFHIR's copy of SDC 3.0.0)

    // PHQ-9 (Kroenke et al. 2001): 9 items scored 0-3, total 0-27; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19
    // moderately severe, 20-27 severe. Option scores come from the contained ValueSet (ordinalValue); this copy has no
    // calculated total, so the score sums the nine questions.
    private static readonly FormScore Phq9Total = new()
    {
        Name = "total",
        Items = [.. Enumerable.Range(1, 9).Select(i => $"H1/T1/Q{i}")],
        Bands = [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("moderately-severe", 15, 19), new("severe", 20, 27)],
    };

    [Theory]
    [InlineData(new[] { 1, 2, 0, 1, 0, 0, 3, 1, 0 }, 8, "mild")] // 1+2+0+1+0+0+3+1+0 = 8
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 27, "severe")] // 9 x 3 = 27
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 1, 1 }, 16, "moderately-severe")] // 7 x 2 + 1 + 1 = 16
    public void Evaluate_ResearchKitPhq9_TotalAndBandAsPublished(int[] choices, int total, string band)
    {
        var form = Scored(Phq9, Phq9Total, "phq9-rule");

        var score = Score(form, Respond(Phq9, form, choices));

        Assert.Equal((total, band), (score.Value, score.Band?.Code));
    }

    // ------------------------------------------------------------------ BMI (LHC-Forms)

    // BMI = weight (kg) / height (m)^2; the form asks height in inches (1 in = 0.0254 m) and rounds to one decimal.
    [Theory]
    [InlineData(70, 70, 22.1)] // 70 / (70 x 0.0254)^2 = 70 / 1.778^2 = 70 / 3.161284 = 22.14
    [InlineData(95, 72, 28.4)] // 95 / 1.8288^2 = 95 / 3.34450944 = 28.40
    [InlineData(50, 60, 21.5)] // 50 / 1.524^2 = 50 / 2.322576 = 21.53
    public void Evaluate_LformsWeightHeight_BmiAsTheFormulaGives(double weightKg, double heightIn, double bmi)
    {
        var form = Load(Bmi);
        var json = QuestionnaireJson.Response(QuestionnaireJson.Parse(QuestionnaireFiles.Json(Bmi)), item => QuestionnaireJson.LinkId(item) switch
        {
            "/29463-7" => [new JsonObject { ["valueDecimal"] = weightKg }],
            "/8302-2" => [new JsonObject { ["valueDecimal"] = heightIn }],
            _ => [],
        });

        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, QuestionnaireResponseMapper.ImportJson(json, form).Response);

        Assert.Equal((decimal)bmi, Assert.IsType<DecimalAnswer>(Assert.Single(evaluation.AnswersOf("/39156-5"))).Value);
    }

    // ------------------------------------------------------------------ CVD risk (CSIRO Smart Forms)

    [Theory]
    [InlineData("female", 60, 140, true, 6.0, 1.2, false)]
    [InlineData("male", 50, 120, false, 5.0, 1.5, false)]
    [InlineData("male", 72, 165, true, 7.5, 0.9, true)]
    public void Evaluate_SmartFormsCvdCheck_RiskAsTheAustralianEquationGives(string gender, int age, double sbp, bool smoker, double tc, double hdl, bool diabetes)
    {
        var form = Load(Cvd);
        var json = QuestionnaireJson.Response(QuestionnaireJson.Parse(QuestionnaireFiles.Json(Cvd)), item => QuestionnaireJson.LinkId(item) switch
        {
            "gender" => [new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://hl7.org/fhir/administrative-gender", ["code"] = gender } }],
            "age" => [new JsonObject { ["valueInteger"] = age }],
            "systolic-bp" => [new JsonObject { ["valueDecimal"] = sbp }],
            "current-smoker" => [new JsonObject { ["valueBoolean"] = smoker }],
            "tot-chol" => [new JsonObject { ["valueDecimal"] = tc }],
            "hdl-chol" => [new JsonObject { ["valueDecimal"] = hdl }],
            "has-diabetes" => [new JsonObject { ["valueBoolean"] = diabetes }],
            "ecg-lvh" => [new JsonObject { ["valueBoolean"] = false }],
            _ => [],
        });

        var evaluation = QuestionnaireFiles.Engine.Evaluate(form, QuestionnaireResponseMapper.ImportJson(json, form).Response);

        var risk = Assert.IsType<DecimalAnswer>(Assert.Single(evaluation.AnswersOf("cvd-risk"))).Value;
        Assert.Equal(CvdRisk(gender == "female", age, sbp, smoker, tc, hdl, diabetes), risk);
    }

    /// <summary>
    /// The Australian absolute CVD risk (Framingham-based, as the form states it), computed here independently:
    /// sum = 18.8144 - 1.2146 female - 1.8443 ln(age) + 0.3668 female*ln(age) - 1.4032 ln(SBP) - 0.3899 smoker
    /// - 0.539 ln(TC/HDL) - 0.3036 diabetes - 0.1697 female*diabetes - 0.3362 ECG LVH (age clamped to 35-74);
    /// scale = exp(0.6536 - 0.2402 sum); u = (ln 5 - sum) / scale; risk % = (1 - exp(-exp(u))) * 100, rounded.
    /// </summary>
    internal static decimal CvdRisk(bool female, int age, double sbp, bool smoker, double tc, double hdl, bool diabetes)
    {
        var f = female ? 1 : 0;
        var d = diabetes ? 1 : 0;
        var a = Math.Clamp(age, 35, 74);
        var sum = 18.8144 + (f * -1.2146) + (Math.Log(a) * -1.8443) + (f * Math.Log(a) * 0.3668) + (Math.Log(sbp) * -1.4032)
            + ((smoker ? 1 : 0) * -0.3899) + (Math.Log(tc / hdl) * -0.539) + (d * -0.3036) + (f * d * -0.1697);
        var scale = Math.Exp(0.6536 + (sum * -0.2402));
        var u = (Math.Log(5) - sum) / scale;
        return Math.Round((decimal)((1 - Math.Exp(-Math.Exp(u))) * 100), 0, MidpointRounding.AwayFromZero);
    }
}
