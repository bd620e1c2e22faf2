using Microsoft.Extensions.DependencyInjection.Extensions;
using Remedora;
using Remedora.Storage;
using Remedora.Storage.InMemory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the in-memory storage provider.</summary>
public static class InMemoryStorageRemedoraBuilderExtensions
{
    /// <summary>
    /// Uses the in-memory provider for <see cref="IStorageSessionFactory"/>, <see cref="IWorkQueue"/> and
    /// <see cref="IAuditLogStore"/> (one <see cref="InMemoryStorage"/> per container), and registers the shared
    /// storage services (<c>AddStorageServices</c>). Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder UseInMemoryStorage(this IRemedoraBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStorageServices();
        var services = builder.Services;
        services.TryAddSingleton<InMemoryStorage>();
        services.TryAddSingleton<IStorageSessionFactory>(sp => sp.GetRequiredService<InMemoryStorage>());
        services.TryAddSingleton<IWorkQueue>(sp => sp.GetRequiredService<InMemoryStorage>());
        services.TryAddSingleton<IAuditLogStore>(sp => sp.GetRequiredService<InMemoryStorage>());
        services.TryAddSingleton<Remedora.Storage.IAuditLogIntegrator>(sp => sp.GetRequiredService<InMemoryStorage>());
        return builder;
    }
}
