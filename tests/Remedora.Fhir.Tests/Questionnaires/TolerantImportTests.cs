using CsCheck;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>Issue 15 item 8: small defects of real files are repaired by default, each reported, and refused in strict mode.</summary>
public class TolerantImportTests
{
    private const string Head = """{"resourceType":"Questionnaire","url":"https://forms.example.org/t","version":"1","status":"active",""";

    public static TheoryData<string, string, string, string> Defects() => new()
    {
        // name, json, expected code, expected path
        { "number-as-string", Head + """ "item":[{"linkId":"a","type":"integer","initial":[{"valueInteger":"37"}]}]}""", QuestionnaireImportIssueCodes.NumberAsString, "Questionnaire.item[0].initial[0].valueInteger" },
        { "decimal-as-string", Head + """ "item":[{"linkId":"a","type":"decimal","initial":[{"valueDecimal":"37.5"}]}]}""", QuestionnaireImportIssueCodes.NumberAsString, "Questionnaire.item[0].initial[0].valueDecimal" },
        { "boolean-as-string", Head + """ "item":[{"linkId":"a","type":"string","required":"true"}]}""", QuestionnaireImportIssueCodes.BooleanAsString, "Questionnaire.item[0].required" },
        { "time-in-integer", Head + """ "item":[{"linkId":"b","type":"time"},{"linkId":"a","type":"string","enableWhen":[{"question":"b","operator":"=","answerInteger":"08:30"}]}]}""", QuestionnaireImportIssueCodes.TimeAsInteger, "Questionnaire.item[1].enableWhen[0].answerInteger" },
        { "variable-name-underscore", Head + """ "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/variable","valueExpression":{"name":"q1_value","language":"text/fhirpath","expression":"1 + 1"}}],"item":[{"linkId":"a","type":"string"}]}""", QuestionnaireImportIssueCodes.IdInvalid, "Questionnaire.extension[0].value.name" },
        { "uri-with-bar", Head + """ "item":[{"linkId":"a","type":"string","extension":[{"url":"https://example.org/system","valueUri":"http://loinc.org|2.80"}]}]}""", QuestionnaireImportIssueCodes.UriInvalid, "Questionnaire.item[0].extension[0].valueUri" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void ImportJson_SmallDefect_ImportsWithTypedWarningAtItsPath(string name, string json, string code, string path)
    {
        var result = QuestionnaireMapper.ImportJson(json);

        var issue = Assert.Single(result.Issues, i => i.Code == code);
        Assert.Equal(path, issue.Path);
        Assert.Equal(ImportIssueSeverity.Warning, issue.Severity);
        Assert.False(result.HasErrors, name);
        Assert.DoesNotContain("37", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("q1_value", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("loinc", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void ImportJson_SmallDefectStrict_RefusedNamingPathAndRule(string name, string json, string code, string path)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(json, new QuestionnaireImportOptions { Strict = true }));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(new FhirFormatError(path, code), error);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PVAL", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
        Assert.NotNull(name);
    }

    [Fact]
    public void ImportJson_NumberAsString_ValueIsTheNumber()
    {
        var result = QuestionnaireMapper.ImportJson(Head + """ "item":[{"linkId":"a","type":"integer","initial":[{"valueInteger":"37"}]}]}""");

        Assert.Equal(37, Assert.IsType<IntegerAnswer>(Assert.Single(Assert.Single(result.Definition.Items).Initial)).Value);
    }

    [Fact]
    public void ImportJson_TimeInInteger_EnableWhenComparesATime()
    {
        var result = QuestionnaireMapper.ImportJson(Head + """ "item":[{"linkId":"b","type":"time"},{"linkId":"a","type":"string","enableWhen":[{"question":"b","operator":"=","answerInteger":"08:30"}]}]}""");

        Assert.IsType<TimeAnswer>(Assert.Single(result.Definition.Items[1].EnableWhen).Answer);
    }

    [Fact]
    public void ImportJson_NoUrlNoId_AssignsAStableUrlWithWarning()
    {
        const string json = """{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"string"}]}""";

        var first = QuestionnaireMapper.ImportJson(json);
        var second = QuestionnaireMapper.ImportJson(json);

        var issue = Assert.Single(first.Issues, i => i.Code == QuestionnaireImportIssueCodes.UrlAssigned);
        Assert.Equal(ImportIssueSeverity.Warning, issue.Severity);
        Assert.Equal("url", issue.Path);
        Assert.StartsWith("urn:remedora:questionnaire:sha256-", first.Definition.Url, StringComparison.Ordinal);
        Assert.Equal(first.Definition.Url, second.Definition.Url);
        Assert.False(first.HasErrors);
    }

    [Theory]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"string"}]}""")]
    [InlineData("""{"resourceType":"Questionnaire","id":"x","status":"active","item":[{"linkId":"a","type":"string"}]}""")]
    public void ImportJson_NoUrlStrict_RefusedNamingPathAndRule(string json)
    {
        var result = QuestionnaireMapper.ImportJson(json, new QuestionnaireImportOptions { Strict = true });

        var ex = Assert.Throws<QuestionnaireImportException>(result.GetDefinitionOrThrow);
        var issue = Assert.Single(ex.Issues, i => i.Severity == ImportIssueSeverity.Error);
        Assert.Equal(("url", QuestionnaireImportIssueCodes.UrlAssigned), (issue.Path, issue.Code));
        Assert.Contains("url: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportJson_LformsPhq9_ImportsWithWarningsAtTheDefects()
    {
        var result = QuestionnaireMapper.ImportJson(QuestionnaireFiles.Json("wild/lforms-phq9.json"));

        Assert.False(result.HasErrors);
        Assert.Contains(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.NumberAsString && i.Path.EndsWith(".value.value", StringComparison.Ordinal) && i.Path.Contains("item[", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.IdInvalid && i.Path.EndsWith(".value.name", StringComparison.Ordinal));
        Assert.All(result.Issues, i => Assert.DoesNotContain("q1_value", i.Message, StringComparison.Ordinal));
        QuestionnaireFiles.Engine.Compile(result.Definition);
    }

    [Fact]
    public void ExportJson_LformsPhq9ImportedTolerantly_KeepsTheVariableNamesAsWritten()
    {
        var definition = QuestionnaireMapper.ImportJson(QuestionnaireFiles.Json("wild/lforms-phq9.json")).Definition;

        var json = QuestionnaireMapper.ExportJson(definition);

        Assert.Contains("\"q1_value\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportJson_LformsPhq9Strict_Refused()
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(QuestionnaireFiles.Json("wild/lforms-phq9.json"), new QuestionnaireImportOptions { Strict = true }));

        Assert.Contains(ex.Errors, e => e.Code == QuestionnaireImportIssueCodes.NumberAsString);
        Assert.Contains(ex.Errors, e => e.Code == QuestionnaireImportIssueCodes.IdInvalid);
    }

    [Theory]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"string","note":"x"}]}""", "Questionnaire.item[0]")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"integer","initial":[{"valueInteger":"many"}]}]}""", "Questionnaire.item[0].initial[0]")]
    public void ImportJson_DefectWithoutClearMeaning_RefusedNamingPathAndRuleNotParserCode(string json, string path)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(json));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith(path, error.Path, StringComparison.Ordinal);
        Assert.Matches("^[a-z]+(-[a-z0-9]+)+$", error.Code);
        Assert.DoesNotMatch("(JSON|PVAL)[0-9]", ex.Message);
        Assert.DoesNotContain("many", ex.Message, StringComparison.Ordinal);
    }

    private static readonly (string Valid, string Defective, string Code)[] Mutations =
    [
        ("\"valueInteger\":5", "\"valueInteger\":\"5\"", QuestionnaireImportIssueCodes.NumberAsString),
        ("\"valueDecimal\":2.5", "\"valueDecimal\":\"2.5\"", QuestionnaireImportIssueCodes.NumberAsString),
        ("\"required\":true", "\"required\":\"true\"", QuestionnaireImportIssueCodes.BooleanAsString),
        ("\"answerTime\":\"09:15:00\"", "\"answerInteger\":\"09:15:00\"", QuestionnaireImportIssueCodes.TimeAsInteger),
        ("\"name\":\"total\"", "\"name\":\"total_1\"", QuestionnaireImportIssueCodes.IdInvalid),
        ("\"valueUri\":\"http://loinc.org\"", "\"valueUri\":\"http://loinc.org|2.80\"", QuestionnaireImportIssueCodes.UriInvalid),
    ];

    private const string Template = """
        {"resourceType":"Questionnaire","url":"https://forms.example.org/p","version":"1","status":"active",
         "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/variable","valueExpression":{"name":"total","language":"text/fhirpath","expression":"1"}},
                      {"url":"https://example.org/system","valueUri":"http://loinc.org"}],
         "item":[{"linkId":"t","type":"time"},
                 {"linkId":"i","type":"integer","required":true,"initial":[{"valueInteger":5}]},
                 {"linkId":"d","type":"decimal","initial":[{"valueDecimal":2.5}],
                  "enableWhen":[{"question":"t","operator":"=","answerTime":"09:15:00"}]}]}
        """;

    [Fact]
    public void ImportJson_MutatedIntoSmallDefects_NeverThrowsUntypedAndReportsEveryRepair()
    {
        Assert.Empty(QuestionnaireMapper.ImportJson(Template).Issues);
        Gen.Bool.Array[Mutations.Length].Select(Gen.Int[0, 3], Gen.Bool).Sample((chosen, junk, strict) =>
        {
            var json = Template;
            var expected = new List<string>();
            for (int m = 0; m < Mutations.Length; m++)
            {
                if (chosen[m])
                {
                    json = json.Replace(Mutations[m].Valid, Mutations[m].Defective, StringComparison.Ordinal);
                    expected.Add(Mutations[m].Code);
                }
            }

            // Sometimes break the file beyond repair too: then only the typed exception may come out.
            var broken = junk == 0;
            if (broken)
            {
                json = json.Replace("\"type\":\"integer\"", "\"type\":12", StringComparison.Ordinal);
            }

            try
            {
                var result = QuestionnaireMapper.ImportJson(json, new QuestionnaireImportOptions { Strict = strict });
                Assert.False(broken);
                Assert.True(!strict || expected.Count == 0);
                Assert.Equal(expected.Order(StringComparer.Ordinal), result.Issues.Select(i => i.Code).Order(StringComparer.Ordinal));
                Assert.All(result.Issues, i => Assert.Equal(ImportIssueSeverity.Warning, i.Severity));
            }
            catch (FhirFormatException ex)
            {
                Assert.True(broken || (strict && expected.Count > 0));
                if (!broken)
                {
                    Assert.Equal(expected.Order(StringComparer.Ordinal), ex.Errors.Select(e => e.Code).Order(StringComparer.Ordinal));
                }
            }
        }, iter: 200);
    }
}
