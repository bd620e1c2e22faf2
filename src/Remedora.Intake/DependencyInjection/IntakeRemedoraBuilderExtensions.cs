using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Consent;
using Remedora.Intake.Engine;
using Remedora.Intake.Expressions;
using Remedora.Intake.Submissions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the intake package.</summary>
public static class IntakeRemedoraBuilderExtensions
{
    /// <summary>
    /// Registers the form engine, the form catalog, submissions, consent (and <see cref="IConsentGate"/>) and the intake
    /// storage collections. Safe to call more than once: services are registered once, and every call's options
    /// delegate applies. Options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The Remedora builder.</param>
    /// <param name="configure">Sets the engine options.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddIntake(this IRemedoraBuilder builder, Action<FormEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(IntakeMarkerService)))
        {
            services.AddSingleton<IntakeMarkerService>();
            services.AddOptions<FormEngineOptions>().ValidateDataAnnotations().ValidateOnStart();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(sp =>
            {
                var catalog = new FormCatalog();
                foreach (var form in sp.GetServices<IntakeFormRegistration>())
                {
                    catalog.Add(form.Definition);
                }

                return catalog;
            });
            services.TryAddSingleton(sp => new FormEngine(
                sp.GetServices<IExpressionLanguage>(),
                sp.GetRequiredService<IOptions<FormEngineOptions>>().Value,
                sp.GetService<ILogger<FormEngine>>()));
            services.TryAddSingleton<IntakeSubmissionService>();
            services.TryAddSingleton<ConsentService>();
            services.TryAddSingleton<IConsentGate>(sp => sp.GetRequiredService<ConsentService>());
            builder.AddStorageModelContributor<IntakeCollections>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Adds a form definition to the catalog that submissions may answer.</summary>
    /// <param name="builder">The Remedora builder.</param>
    /// <param name="definition">The definition.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddIntakeForm(this IRemedoraBuilder builder, FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        builder.AddIntake();
        builder.Services.AddSingleton(new IntakeFormRegistration(definition));
        return builder;
    }

    /// <summary>Registers an expression language for the form engine (Remedora.Fhir registers FHIRPath).</summary>
    /// <typeparam name="TLanguage">The language.</typeparam>
    /// <param name="builder">The Remedora builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddExpressionLanguage<TLanguage>(this IRemedoraBuilder builder)
        where TLanguage : class, IExpressionLanguage
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionLanguage, TLanguage>());
        return builder;
    }

    private sealed class IntakeMarkerService;
}
