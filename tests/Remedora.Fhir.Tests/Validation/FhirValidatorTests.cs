using Hl7.Fhir.Model;
using Remedora.Fhir.Validation;

namespace Remedora.Fhir.Tests.Validation;

[Collection(FhirSpecificationCollection.Name)]
public class FhirValidatorTests(FhirSpecificationFixture fixture)
{
    private readonly FhirValidator _validator = fixture.Validator;

    [Fact]
    public void Validate_ValidQuestionnaireResponse_HasNoErrors()
    {
        var response = new QuestionnaireResponse
        {
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Questionnaire = "http://example.org/Questionnaire/q|1.0.0",
            Item =
            {
                new QuestionnaireResponse.ItemComponent
                {
                    LinkId = "a",
                    Answer = { new QuestionnaireResponse.AnswerComponent { Value = new FhirDecimal(1.5m) } },
                },
            },
        };

        var report = _validator.Validate(response);

        Assert.True(report.IsValid, string.Join("; ", report.Errors));
        Assert.Equal("QuestionnaireResponse", report.ResourceType);
        Assert.Empty(report.UnresolvedProfiles);
    }

    [Fact]
    public void Validate_MissingRequiredElement_ReportsAnError()
    {
        var response = new QuestionnaireResponse { Item = { new QuestionnaireResponse.ItemComponent { LinkId = "a" } } };

        var report = _validator.Validate(response);

        Assert.False(report.IsValid);
        var error = Assert.Single(report.Errors, e => e.Location.StartsWith("QuestionnaireResponse", StringComparison.Ordinal) && e.Message.Contains("status", StringComparison.Ordinal));
        Assert.Equal(FhirIssueSeverity.Error, error.Severity);
        Assert.NotEqual(0, error.Code);
    }

    [Fact]
    public void ValidateJson_SdcProfileAndExtension_ReportsThemApartFromErrors()
    {
        const string json = """
            {
              "resourceType": "QuestionnaireResponse",
              "meta": { "profile": [ "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse|3.0.0" ] },
              "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse-signature", "valueString": "x" } ],
              "status": "completed"
            }
            """;

        var report = _validator.ValidateJson(json);

        Assert.True(report.IsValid, string.Join("; ", report.Errors));
        Assert.Contains(report.UnresolvedProfiles, p => p is { Canonical: "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse|3.0.0", Kind: FhirProfileKind.Profile, Location: "QuestionnaireResponse" });
        Assert.Contains(report.UnresolvedProfiles, p => p is { Canonical: "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse-signature", Kind: FhirProfileKind.Extension });
        Assert.DoesNotContain(report.Warnings, w => w.Message.Contains("sdc-questionnaireresponse", StringComparison.Ordinal));
        Assert.Equal("QuestionnaireResponse: 0 errors, 0 warnings, 2 unresolved profiles", report.ToString());
    }

    [Fact]
    public void ValidateXml_ValidResource_HasNoErrors()
    {
        const string xml = """
            <QuestionnaireResponse xmlns="http://hl7.org/fhir">
              <status value="in-progress"/>
              <item><linkId value="a"/><answer><valueBoolean value="true"/></answer></item>
            </QuestionnaireResponse>
            """;

        var report = _validator.ValidateXml(xml);

        Assert.True(report.IsValid, string.Join("; ", report.Errors));
    }

    [Fact]
    public void ValidateJson_NotFhir_ReportsANotParsedError()
    {
        var report = _validator.ValidateJson("""{ "resourceType": "NoSuchThing" }""");

        Assert.False(report.IsValid);
        Assert.Equal(FhirValidator.NotParsedIssue, report.Errors[0].Code);
        Assert.Contains("The JSON text is not a valid FHIR R4 Resource", report.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingSpecification_ThrowsWithPathAndFix()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "specification.zip");

        var ex = Assert.Throws<FhirSpecificationNotFoundException>(() => new FhirValidator(path));

        Assert.Equal("remedora.fhir.specification_not_found", ex.Code);
        Assert.Equal(
            $"The FHIR R4 specification file '{path}' does not exist. Reference the Hl7.Fhir.Specification.Data.R4 package from the application (it copies specification.zip to the output directory) or pass the file's path.",
            ex.Message);
    }
}
