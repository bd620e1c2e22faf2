using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.CarePaths;
using Remedora.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the care paths package.</summary>
public static class CarePathsRemedoraBuilderExtensions
{
    /// <summary>
    /// Registers the care path engine, the review queue, the SLA sweep (a hosted service), the intake event handler,
    /// the package's document collections and, unless turned off, the built-in paths. Needs a storage provider
    /// (for example <c>UseInMemoryStorage()</c>); uses an <c>IConsentGate</c> when one is registered (Intake does).
    /// Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddCarePaths(this IRemedoraBuilder builder, Action<CarePathsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(CarePathsMarker)))
        {
            return builder;
        }

        services.AddSingleton<CarePathsMarker>();
        services.AddOptions<CarePathsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CarePathsOptions>, CarePathsOptionsValidator>());
        builder.AddStorageModelContributor<CarePathCollections>();
        services.TryAddSingleton<ICarePathRegistry>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CarePathsOptions>>().Value;
            var paths = options.RegisterBuiltInPaths ? BuiltInCarePaths.All : [];
            return new CarePathRegistry([.. paths, .. sp.GetServices<CarePathRegistration>().Select(r => r.Definition)]);
        });
        services.TryAddSingleton<IEscalationPolicy, DefaultEscalationPolicy>();
        services.TryAddSingleton<IPoolMembership, StoredPoolMembership>();
        services.TryAddSingleton<CarePathEngine>();
        services.TryAddSingleton<ReviewQueue>();
        services.TryAddSingleton<SlaSweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SlaSweepService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, IntakeSubmittedHandler>());
        return builder;
    }

    /// <summary>Registers a custom (or extended) care path. Registering the same definition twice has no effect; two different paths with one name fail at start.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="definition">The path.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddCarePath(this IRemedoraBuilder builder, CarePathDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        if (!builder.Services.Any(d => d.ServiceType == typeof(CarePathRegistration) && d.ImplementationInstance is CarePathRegistration r && ReferenceEquals(r.Definition, definition)))
        {
            builder.Services.AddSingleton(new CarePathRegistration(definition));
        }

        return builder;
    }

    private sealed class CarePathsMarker;
}
