using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Access;
using Remedora.Storage;
using Remedora.Storage.Protection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers storage contracts' shared services and lets packages contribute document collections.</summary>
public static class StorageRemedoraBuilderExtensions
{
    /// <summary>
    /// Adds a package's document collections to the storage model. Call it from the package's own registration
    /// method; registering the same contributor type twice has no effect.
    /// </summary>
    /// <typeparam name="TContributor">The contributor.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddStorageModelContributor<TContributor>(this IRemedoraBuilder builder)
        where TContributor : class, IStorageModelContributor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageModelContributor, TContributor>());
        return builder;
    }

    /// <summary>Adds a commit interceptor, which runs inside every commit's transaction after each step.</summary>
    /// <typeparam name="TInterceptor">The interceptor.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddCommitInterceptor<TInterceptor>(this IRemedoraBuilder builder)
        where TInterceptor : class, ICommitInterceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitInterceptor, TInterceptor>());
        return builder;
    }

    /// <summary>
    /// Registers the provider-independent storage services: the composed <see cref="StorageModel"/> (with the core
    /// collections), the default <see cref="IDocumentCodec"/>, <see cref="ICareRelationships"/> from stored practitioners, care teams
    /// and work items (with the <see cref="TenantMembershipCache"/>), the <see cref="AccessGuard"/>, <see cref="IRecords{T}"/>, the
    /// <see cref="ContinuationTokenProtector"/> (configured by <see cref="ContinuationTokenOptions"/>; it logs its key source at start),
    /// the <see cref="IOutboxAdmin"/> and a start-up check that logs a warning (event 2011) when no <see cref="OutboxDispatcher"/> is
    /// registered in this process. Storage providers call this from their <c>Use…Storage</c> method; applications do not need to.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddStorageServices(this IRemedoraBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddStorageModelContributor<CoreCollections>();
        services.TryAddSingleton(sp => StorageModel.Create(sp.GetServices<IStorageModelContributor>()));
        services.TryAddSingleton<IDocumentCodec>(_ => new JsonDocumentCodec());
        services.TryAddSingleton<TenantMembershipCache>();
        services.TryAddSingleton<ICareRelationships, StorageCareRelationships>();
        services.TryAddSingleton<AccessGuard>();
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<ContinuationTokenOptions>)))
        {
            services.AddOptions<ContinuationTokenOptions>().ValidateOnStart();
            services.AddSingleton<IValidateOptions<ContinuationTokenOptions>, ContinuationTokenOptionsValidator>();
        }

        services.TryAddSingleton(sp => ContinuationTokenProtector.Create(
            sp.GetRequiredService<IOptions<ContinuationTokenOptions>>().Value,
            sp.GetService<IPhiKeyProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ContinuationTokenProtector>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ContinuationTokenKeyCheck>());
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IRecords<>), typeof(Records<>)));
        services.TryAddSingleton<IOutboxAdmin, OutboxAdmin>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcherStartupCheck>());
        return builder;
    }
}
