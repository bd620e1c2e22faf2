using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>Tolerant import of Questionnaires in XML: an id or uri that breaks its R4 format is kept and reported, as in JSON; strict mode refuses it.</summary>
public class TolerantXmlImportTests
{
    private static string Xml(string variableName, string system) => FhirFormats.ToXml(FhirFormats.ParseJson<Hl7.Fhir.Model.Questionnaire>(new JsonObject
    {
        ["resourceType"] = "Questionnaire",
        ["url"] = $"urn:test:xml-{variableName}",
        ["version"] = "1",
        ["status"] = "active",
        ["extension"] = new JsonArray(new JsonObject
        {
            ["url"] = "http://hl7.org/fhir/StructureDefinition/variable",
            ["valueExpression"] = new JsonObject { ["name"] = variableName, ["language"] = "text/fhirpath", ["expression"] = "1 + 1" },
        }),
        ["item"] = new JsonArray(new JsonObject
        {
            ["linkId"] = "q", ["type"] = "choice",
            ["answerOption"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = system, ["code"] = "a" } }),
        }),
    }.ToJsonString(), acceptFormatErrors: true));

    [Fact]
    public void ImportXml_IdAndUriBreakingTheirFormat_KeptAndReportedWithTheirPaths()
    {
        var result = QuestionnaireMapper.ImportXml(Xml("q1_value", "http://loinc.org|2.80"));

        Assert.Contains(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.IdInvalid && i.Path.Contains("extension[0]", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Code == QuestionnaireImportIssueCodes.UriInvalid && i.Path.Contains("item[0].answerOption[0]", StringComparison.Ordinal));
        Assert.Equal("q1_value", Assert.Single(result.Definition.Variables).Name);
        Assert.Equal("http://loinc.org|2.80", Assert.IsType<Remedora.Intake.CodingAnswer>(result.Definition.Items[0].AnswerOptions[0].Value).Value.System);
    }

    [Fact]
    public void ImportXml_Strict_RefusesTheSameDefects()
        => Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportXml(Xml("q2_value", "http://loinc.org|2.80"), new QuestionnaireImportOptions { Strict = true }));

    [Fact]
    public void ImportXml_WellFormed_NoRepairIssues()
    {
        var result = QuestionnaireMapper.ImportXml(Xml("q3value", "http://loinc.org"));

        Assert.DoesNotContain(result.Issues, i => i.Code is QuestionnaireImportIssueCodes.IdInvalid or QuestionnaireImportIssueCodes.UriInvalid);
    }
}
