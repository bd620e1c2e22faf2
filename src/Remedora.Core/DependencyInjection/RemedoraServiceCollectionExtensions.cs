using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Access;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Remedora in a service collection.</summary>
public static class RemedoraServiceCollectionExtensions
{
    /// <summary>
    /// Registers Remedora's core services (clock, options, access policy) and lets <paramref name="configure"/> add
    /// packages. Safe to call more than once: core services are registered once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds packages and settings, for example <c>r => r.UseInMemoryStorage()</c>.</param>
    /// <returns>The builder, to add more packages.</returns>
    public static IRemedoraBuilder AddRemedora(this IServiceCollection services, Action<IRemedoraBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(RemedoraMarkerService)))
        {
            services.AddSingleton<RemedoraMarkerService>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<RemedoraOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemedoraOptions>, RemedoraOptionsValidator>());
            services.TryAddSingleton<IAccessPolicy, DefaultAccessPolicy>();
        }

        var builder = new RemedoraBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Configures the core options.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder Configure(this IRemedoraBuilder builder, Action<RemedoraOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
