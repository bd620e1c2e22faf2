using Microsoft.Extensions.DependencyInjection;
using Remedora.Fhir.Extraction;
using Remedora.Fhir.Questionnaires;

namespace Remedora.Fhir.Tests.DependencyInjection;

public class AddFhirResponseServicesTests
{
    [Fact]
    public void AddFhir_WithIntake_ResolvesValidatorAndExtractorOnTheEnginesFhirPath()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddIntake().AddFhir().AddFhir());
        using var provider = services.BuildServiceProvider();

        var validator = provider.GetRequiredService<QuestionnaireResponseValidator>();
        var extractor = provider.GetRequiredService<QuestionnaireResponseExtractor>();

        Assert.Single(services, d => d.ServiceType == typeof(QuestionnaireResponseValidator));
        Assert.Single(services, d => d.ServiceType == typeof(QuestionnaireResponseExtractor));
        Assert.Same(extractor, provider.GetRequiredService<QuestionnaireResponseExtractor>());

        // The validator runs on the registered engine: an unknown linkId is found.
        var form = QuestionnaireMapper.ImportJson(QuestionnaireFiles.Json(QuestionnaireFiles.Phq9), new QuestionnaireImportOptions { FallbackUrl = "urn:test:di-phq9" }).Definition with { Url = "urn:test:di-phq9" };
        var result = validator.Validate(form, new Remedora.Intake.FormResponse { Form = form.Reference, Items = [Remedora.Intake.ResponseItem.Question("nope")] });
        Assert.Contains(result.Errors, f => f.Code == QuestionnaireResponseValidationCodes.UnknownItem);
    }
}
