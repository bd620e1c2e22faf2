using System.Text;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Items nested beyond <see cref="FormDefinition.MaxItemDepth"/> are refused on import with a message that says so, and
/// on export with the engine's typed error (issue 15, items 11 and 13).
/// </summary>
public class ItemNestingLimitTests
{
    private static string NestedJson(int depth)
    {
        var sb = new StringBuilder("""{"resourceType":"Questionnaire","url":"https://forms.remedora.test/nested","version":"1","status":"active","item":[""");
        for (var i = 1; i < depth; i++)
        {
            sb.Append($$"""{"linkId":"g{{i}}","type":"group","item":[""");
        }

        sb.Append($$"""{"linkId":"g{{depth}}","type":"string"}""");
        for (var i = 1; i < depth; i++)
        {
            sb.Append("]}");
        }

        return sb.Append("]}").ToString();
    }

    private static string NestedXml(int depth)
    {
        var sb = new StringBuilder("""<Questionnaire xmlns="http://hl7.org/fhir"><url value="https://forms.remedora.test/nested"/><version value="1"/><status value="active"/>""");
        for (var i = 1; i < depth; i++)
        {
            sb.Append($"""<item><linkId value="g{i}"/><type value="group"/>""");
        }

        sb.Append($"""<item><linkId value="g{depth}"/><type value="string"/></item>""");
        for (var i = 1; i < depth; i++)
        {
            sb.Append("</item>");
        }

        return sb.Append("</Questionnaire>").ToString();
    }

    private static FormItem Chain(int depth)
    {
        FormItem item = new() { LinkId = $"g{depth}", Type = FormItemType.String };
        for (var i = depth - 1; i >= 1; i--)
        {
            item = new FormItem { LinkId = $"g{i}", Type = FormItemType.Group, Items = [item] };
        }

        return item;
    }

    [Theory]
    [InlineData(FormDefinition.MaxItemDepth + 1)]
    [InlineData(40)]
    [InlineData(600)]
    public void ImportJson_ItemsNestedBeyondTheLimit_RefusedAsNestedTooDeep(int depth)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(NestedJson(depth)));

        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a valid", ex.Message, StringComparison.Ordinal);
        var error = Assert.Single(ex.Errors);
        Assert.Equal(FhirFormatException.NestingTooDeepCode, error.Code);
    }

    [Theory]
    [InlineData(FormDefinition.MaxItemDepth + 1)]
    [InlineData(600)]
    public void ImportXml_ItemsNestedBeyondTheLimit_RefusedAsNestedTooDeep(int depth)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportXml(NestedXml(depth)));

        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FhirFormatException.NestingTooDeepCode, Assert.Single(ex.Errors).Code);
    }

    [Fact]
    public void ImportJson_ItemsNestedAtTheLimit_LoadsAndCompiles()
    {
        var json = ImportAndCompile(QuestionnaireMapper.ImportJson(NestedJson(FormDefinition.MaxItemDepth)).Definition);
        var xml = ImportAndCompile(QuestionnaireMapper.ImportXml(NestedXml(FormDefinition.MaxItemDepth)).Definition);

        Assert.Equal(FormDefinition.MaxItemDepth, json);
        Assert.Equal(FormDefinition.MaxItemDepth, xml);
    }

    [Fact]
    public void ImportJson_ItemsNestedUnderQuestionsBeyondTheLimit_RefusedAsNestedTooDeep()
    {
        var sb = new StringBuilder("""{"resourceType":"Questionnaire","status":"active","item":[""");
        var depth = FormDefinition.MaxItemDepth + 1;
        for (var i = 1; i < depth; i++)
        {
            sb.Append($$"""{"linkId":"q{{i}}","type":"boolean","item":[""");
        }

        sb.Append("""{"linkId":"last","type":"string"}""");
        for (var i = 1; i < depth; i++)
        {
            sb.Append("]}");
        }

        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(sb.Append("]}").ToString()));

        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FormDefinition.MaxItemDepth + 1)]
    [InlineData(500)]
    [InlineData(3000)]
    public void Export_DefinitionNestedBeyondTheLimit_ThrowsTheEnginesTypedError(int depth)
    {
        var definition = new FormDefinition { Url = "https://forms.remedora.test/deep-export", Version = "1", Items = [Chain(depth)] };

        var ex = Assert.Throws<FormDefinitionException>(() => QuestionnaireMapper.Export(definition));

        var issue = Assert.Single(ex.Issues);
        Assert.Equal(FormDefinitionIssueCodes.ItemNestingTooDeep, issue.Code);
        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", issue.Message, StringComparison.Ordinal);
        Assert.Throws<FormDefinitionException>(() => QuestionnaireMapper.ExportJson(definition));
    }

    [Fact]
    public void Export_DefinitionNestedAtTheLimit_RoundTrips()
    {
        var definition = new FormDefinition { Url = "https://forms.remedora.test/deep-export-ok", Version = "1", Items = [Chain(FormDefinition.MaxItemDepth)] };

        var json = QuestionnaireMapper.ExportJson(definition);

        Assert.Equal(FormDefinition.MaxItemDepth, ImportAndCompile(QuestionnaireMapper.ImportJson(json).Definition));
    }

    [Theory]
    [InlineData(FormDefinition.MaxItemDepth + 1)]
    [InlineData(400)]
    public void ExportResponse_AnswersNestedBeyondTheLimit_ThrowsTypedError(int depth)
    {
        var item = new ResponseItem { LinkId = $"g{depth}", Answers = [new ResponseAnswer(new StringAnswer("x"))] };
        for (var i = depth - 1; i >= 1; i--)
        {
            item = i % 2 == 0
                ? new ResponseItem { LinkId = $"g{i}", Items = [item] }
                : new ResponseItem { LinkId = $"g{i}", Answers = [new ResponseAnswer(AnswerValue.Of(true)) { Items = [item] }] };
        }

        var response = new FormResponse { Form = new FormVersionReference("https://forms.remedora.test/deep-response", "1"), Items = [item] };

        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireResponseMapper.ExportJson(response));

        Assert.Equal(FhirFormatException.NestingTooDeepCode, Assert.Single(ex.Errors).Code);
        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", ex.Message, StringComparison.Ordinal);
    }

    private static int ImportAndCompile(FormDefinition definition)
    {
        QuestionnaireFiles.Engine.Compile(definition with { Version = Guid.NewGuid().ToString("N") });
        var depth = 0;
        for (var items = definition.Items; items.Count > 0; items = items[0].Items)
        {
            depth++;
        }

        return depth;
    }
}
