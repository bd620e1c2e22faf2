using Microsoft.Extensions.DependencyInjection.Extensions;
using Remedora;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Extraction;
using Remedora.Fhir.Questionnaires;
using Remedora.Fhir.Validation;
using Remedora.Intake.Engine;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Remedora.Fhir.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>
    /// Registers FHIRPath (<see cref="FhirPathLanguage"/>) as an expression language of the intake engine, and one shared
    /// <see cref="FhirValidator"/> (created on first use from the application's <c>specification.zip</c>), and a
    /// <see cref="QuestionnaireResponseValidator"/> and <see cref="QuestionnaireResponseExtractor"/> on the registered
    /// <see cref="FormEngine"/> (register the intake engine with <c>AddIntake</c>). Safe to call twice.
    /// </summary>
    /// <param name="builder">The Remedora builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddFhir(this IRemedoraBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExpressionLanguage<FhirPathLanguage>();
        builder.Services.TryAddSingleton(_ => new FhirValidator());
        builder.Services.TryAddSingleton(sp => new QuestionnaireResponseValidator(sp.GetRequiredService<FormEngine>()));
        builder.Services.TryAddSingleton(sp => new QuestionnaireResponseExtractor(sp.GetRequiredService<FormEngine>()));
        return builder;
    }
}
