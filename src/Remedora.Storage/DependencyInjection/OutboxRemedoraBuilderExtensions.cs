using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the outbox dispatcher, its handlers and its health check.</summary>
public static class OutboxRemedoraBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="OutboxDispatcher"/> as a hosted service (and as a singleton, to drive it by hand) with its
    /// options, validated at start. Safe to call more than once; each <paramref name="configure"/> is applied in order.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddOutboxDispatcher(this IRemedoraBuilder builder, Action<OutboxDispatcherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddOutboxOptions(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(OutboxDispatcher)))
        {
            services.AddSingleton<OutboxDispatcher>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        services.TryAddSingleton<IOutboxAdmin, OutboxAdmin>();
        return builder;
    }

    /// <summary>
    /// Adds a handler of outbox messages. The dispatcher resolves handlers from a new scope for every message, so a
    /// handler may depend on scoped services. Registering the same handler type twice has no effect.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddOutboxHandler<THandler>(this IRemedoraBuilder builder)
        where THandler : class, IOutboxHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, THandler>());
        return builder;
    }

    /// <summary>
    /// Adds the <see cref="OutboxHealthCheck"/> to the host's health checks (stalled outbox, dead letters), with the
    /// thresholds of <see cref="OutboxDispatcherOptions"/>. Calling it again with the same name has no effect.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddOutboxHealthCheck(this IRemedoraBuilder builder, string name = OutboxHealthCheck.DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        AddOutboxOptions(services);
        services.TryAddSingleton<OutboxHealthCheck>();
        if (!services.Any(d => d.ServiceType == typeof(OutboxHealthCheckMarker) && d.ImplementationInstance is OutboxHealthCheckMarker marker && marker.Name == name))
        {
            services.AddSingleton(new OutboxHealthCheckMarker(name));
            services.AddHealthChecks().Add(new HealthCheckRegistration(name, sp => sp.GetRequiredService<OutboxHealthCheck>(), failureStatus: null, tags));
        }

        return builder;
    }

    private static void AddOutboxOptions(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(OutboxOptionsMarker)))
        {
            services.AddSingleton<OutboxOptionsMarker>();
            services.AddOptions<OutboxDispatcherOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxDispatcherOptions>, OutboxDispatcherOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxDispatcherOptions>, OutboxDispatcherOptionsRelationsValidator>());
        }
    }

    private sealed class OutboxOptionsMarker;

    private sealed record OutboxHealthCheckMarker(string Name);
}
