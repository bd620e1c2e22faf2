using Microsoft.Extensions.DependencyInjection;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Validation;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Tests.DependencyInjection;

public class AddFhirTests
{
    [Fact]
    public void AddFhir_CalledTwice_RegistersNothingTwice()
    {
        var services = new ServiceCollection();

        services.AddRemedora(r => r.AddFhir().AddFhir());

        Assert.Single(services, d => d.ServiceType == typeof(IExpressionLanguage) && d.ImplementationType == typeof(FhirPathLanguage));
        Assert.Single(services, d => d.ServiceType == typeof(FhirValidator));
    }

    [Fact]
    public void AddFhir_ResolvesFhirPathForTheEngine()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddFhir());
        using var provider = services.BuildServiceProvider();

        var language = Assert.Single(provider.GetServices<IExpressionLanguage>());

        Assert.Equal(ExpressionLanguages.FhirPath, language.Language);
    }
}
