using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Terminology;

public class ContainedValueSetTests
{
    private static FormDefinition WithContainedSpecExample()
    {
        var valueSet = JsonNode.Parse(FakeTerminologyServer.DataFile("valueset-example-expansion.json"))!;
        var questionnaire = new JsonObject
        {
            ["resourceType"] = "Questionnaire",
            ["url"] = $"https://forms.example.org/contained-{Guid.NewGuid():N}",
            ["version"] = "1",
            ["status"] = "active",
            ["contained"] = new JsonArray(valueSet),
            ["item"] = new JsonArray(new JsonObject { ["linkId"] = "chol", ["type"] = "choice", ["answerValueSet"] = "#example-expansion" }),
        };
        var result = QuestionnaireMapper.ImportJson(questionnaire.ToJsonString());
        Assert.DoesNotContain(result.Issues, i => i.Code is QuestionnaireImportIssueCodes.ValueSetNotEnumerable or QuestionnaireImportIssueCodes.ExternalValueSet);
        return result.Definition;
    }

    [Fact]
    public void ImportJson_ContainedNestedExpansionWithAFilteredCompose_IsExpandedLocallyFromTheExpansion()
    {
        var form = WithContainedSpecExample();

        var valueSet = Assert.Single(form.ValueSets);
        Assert.Equal(ValueSetConceptSource.Expansion, valueSet.ConceptSource);
        Assert.Equal(["14647-2", "2093-3", "48620-9", "9342-7", "2096-6", "35200-5", "48089-7", "55838-7"], valueSet.Concepts.Select(c => c.Code));
    }

    [Theory]
    [InlineData("9342-7", true)]
    [InlineData("55838-7", true)]
    [InlineData("0000-0", false)]
    public void Evaluate_ContainedNestedExpansion_ChecksAnswersAgainstItsConcepts(string code, bool valid)
    {
        var form = WithContainedSpecExample();
        var response = new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("chol", AnswerValue.Code("http://loinc.org", code))] };

        Assert.Equal(valid, QuestionnaireFiles.Engine.Evaluate(form, response).IsValid);
    }
}
