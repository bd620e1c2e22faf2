using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Remedora.Fhir.Validation;

namespace Remedora.Fhir.Tests.Validation;

/// <summary>The validator answers every input with a report: oversize strings and malformed resources are errors, never exceptions.</summary>
[Collection(FhirSpecificationCollection.Name)]
public class FhirValidatorReportsTests(FhirSpecificationFixture fixture)
{
    private const string Secret = "PLANTED-VALUE-93c1";
    private readonly FhirValidator _validator = fixture.Validator;

    private static QuestionnaireResponse WithAnswer(string text) => new()
    {
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Item = { new QuestionnaireResponse.ItemComponent { LinkId = "note", Answer = { new QuestionnaireResponse.AnswerComponent { Value = new FhirString(text) } } } },
    };

    [Fact]
    public void Validate_StringLongerThanOneMegabyte_IsAnErrorAtItsPath()
    {
        var report = _validator.Validate(WithAnswer(new string('x', FhirValidator.MaxStringLength + 1)));

        var error = Assert.Single(report.Errors, e => e.Code == FhirValidator.StringTooLongIssue);
        Assert.Equal("QuestionnaireResponse.item[0].answer[0].valueString", error.Location);
        Assert.DoesNotContain("xxxx", error.Message, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void Validate_StringAtTheLimit_HasNoStringError()
    {
        var report = _validator.Validate(WithAnswer(new string('x', FhirValidator.MaxStringLength)));

        Assert.DoesNotContain(report.Errors, e => e.Code == FhirValidator.StringTooLongIssue);
    }

    [Fact]
    public void ValidateJson_OversizeStringInText_IsAnErrorNotAnException()
    {
        var json = FhirJsonSerializer.Default.SerializeToString(WithAnswer(new string('y', FhirValidator.MaxStringLength + 10)));

        var report = _validator.ValidateJson(json);

        // The parser already refuses it: the report names the element, not the value.
        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Location.StartsWith("QuestionnaireResponse.item[0].answer[0].value", StringComparison.Ordinal));
        Assert.All(report.Errors, e => Assert.DoesNotContain("yyyy", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all " + Secret)]
    [InlineData("""{ "resourceType": "QuestionnaireResponse", "status": """)]
    [InlineData("""{ "resourceType": "NoSuchThing" }""")]
    [InlineData("""{ "status": "completed" }""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueInteger":"PLANTED-VALUE-93c1"}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"no-such-status","item":[{"answer":[{"valueBoolean":true}]}]}""")]
    public void ValidateJson_MalformedInput_ReportsErrorsWithoutValues(string json)
    {
        var report = _validator.ValidateJson(json);

        Assert.False(report.IsValid);
        Assert.All(report.Errors, e => Assert.DoesNotContain(Secret, e.Message + e.Location, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<QuestionnaireResponse")]
    [InlineData("<NoSuchThing xmlns=\"http://hl7.org/fhir\"/>")]
    [InlineData("<QuestionnaireResponse xmlns=\"http://hl7.org/fhir\"><status value=\"completed\"/><item><linkId value=\"a\"/><answer><valueInteger value=\"PLANTED-VALUE-93c1\"/></answer></item></QuestionnaireResponse>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"PLANTED-VALUE-93c1\">]><QuestionnaireResponse xmlns=\"http://hl7.org/fhir\"><status value=\"&e;\"/></QuestionnaireResponse>")]
    public void ValidateXml_MalformedInput_ReportsErrorsWithoutValues(string xml)
    {
        var report = _validator.ValidateXml(xml);

        Assert.False(report.IsValid);
        Assert.All(report.Errors, e => Assert.DoesNotContain(Secret, e.Message + e.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateJson_ItemsNestedTooDeep_ReportsAnError()
    {
        var json = "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[" + string.Concat(Enumerable.Repeat("{\"linkId\":\"a\",\"item\":[", 300)) + "{\"linkId\":\"b\"}" + string.Concat(Enumerable.Repeat("]}", 300)) + "]}";

        var report = _validator.ValidateJson(json);

        Assert.False(report.IsValid);
    }

    [Fact]
    public void Validate_PocoNestedTooDeep_ReportsNestingErrorInsteadOfThrowing()
    {
        var root = new QuestionnaireResponse.ItemComponent { LinkId = "a" };
        var current = root;
        for (var i = 0; i < 300; i++)
        {
            var child = new QuestionnaireResponse.ItemComponent { LinkId = "a" };
            current.Item.Add(child);
            current = child;
        }

        var report = _validator.Validate(new QuestionnaireResponse { Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed, Item = { root } });

        Assert.Equal(FhirValidator.NestingTooDeepIssue, Assert.Single(report.Errors).Code);
    }
}
