using System.Collections;
using Remedora.Fhir.Questionnaires;
using Remedora.Fhir.Validation;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// No exception the SDK throws for malformed FHIR text carries the text's values anywhere in its chain (issue 15, item
/// 12): values are planted in malformed inputs and the whole chain is walked, messages, inner exceptions, Data and
/// ToString() included.
/// </summary>
public class FormatErrorChainTests
{
    private const string Secret = "PLANTEDSECRET4711";

    public static TheoryData<string, string> MalformedJson() => new()
    {
        { "integer-as-text", $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"integer","initial":[{"valueInteger":"{{Secret}}"}]}]}""" },
        { "date-invalid", $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"date","answerOption":[{"valueDate":"{{Secret}}"}]}]}""" },
        { "boolean-invalid", $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"boolean","initial":[{"valueBoolean":"{{Secret}}"}]}]}""" },
        { "code-invalid", $$"""{"resourceType":"Questionnaire","status":"{{Secret}}","item":[{"linkId":"a","type":"string"}]}""" },
        { "truncated", $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"string","initial":[{"valueString":"{{Secret}}""" },
        { "not-json", $"{Secret} is not JSON" },
        { "unknown-element", $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"string","note":"{{Secret}}"}]}""" },
    };

    public static TheoryData<string, string> MalformedXml() => new()
    {
        { "integer-as-text", $"""<Questionnaire xmlns="http://hl7.org/fhir"><status value="active"/><item><linkId value="a"/><type value="integer"/><initial><valueInteger value="{Secret}"/></initial></item></Questionnaire>""" },
        { "unclosed", $"""<Questionnaire xmlns="http://hl7.org/fhir"><status value="active"/><item><linkId value="{Secret}"/>""" },
        { "not-xml", $"<{Secret}" },
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public void ImportJson_MalformedQuestionnaireWithPlantedValue_NoExceptionInTheChainCarriesIt(string name, string json)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(json));

        AssertClean(ex, name);
        Assert.NotEmpty(ex.Errors);
    }

    [Theory]
    [MemberData(nameof(MalformedXml))]
    public void ImportXml_MalformedQuestionnaireWithPlantedValue_NoExceptionInTheChainCarriesIt(string name, string xml)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportXml(xml));

        AssertClean(ex, name);
    }

    [Fact]
    public void ValidateJson_MalformedResponseWithPlantedAnswer_ReportCarriesNoValue()
    {
        var json = $$"""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueInteger":"{{Secret}}"},{"valueDate":"{{Secret}}"}]}]}""";

        var report = new FhirValidator().ValidateJson(json);

        Assert.False(report.IsValid);
        Assert.All(report.Errors, e => Assert.DoesNotContain(Secret, e.Message + e.Location, StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Location.StartsWith("QuestionnaireResponse", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportJson_MalformedValue_ErrorNamesThePathAndTheRule()
    {
        var json = $$"""{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"a","type":"integer","initial":[{"valueInteger":"{{Secret}}"}]}]}""";

        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(json));

        var error = Assert.Single(ex.Errors);
        Assert.Contains("item[0]", error.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Code));
        Assert.Contains(error.Path, ex.Message, StringComparison.Ordinal);
    }

    private static void AssertClean(Exception ex, string name)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            Assert.DoesNotContain(Secret, current.Message, StringComparison.Ordinal);
            foreach (DictionaryEntry entry in current.Data)
            {
                Assert.DoesNotContain(Secret, $"{entry.Key}={entry.Value}", StringComparison.Ordinal);
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    AssertClean(inner, name);
                }
            }
        }

        Assert.Null(ex.InnerException);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        if (ex is FhirFormatException format)
        {
            Assert.All(format.Errors, e => Assert.DoesNotContain(Secret, $"{e.Path} {e.Code}", StringComparison.Ordinal));
        }
    }
}
