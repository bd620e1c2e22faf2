using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Remedora storage on Entity Framework Core (SQLite or PostgreSQL).</summary>
public static class EntityFrameworkCoreStorageRemedoraBuilderExtensions
{
    /// <summary>The name of the database health check.</summary>
    public const string HealthCheckName = "remedora-storage-database";

    /// <summary>
    /// Stores Remedora's records in SQLite or PostgreSQL through Entity Framework Core, and adds the storage services
    /// every package uses (<see cref="IStorageSessionFactory"/>, <see cref="IWorkQueue"/>, <see cref="IAuditLogStore"/>,
    /// <see cref="IRecords{T}"/>) and the database health check <see cref="HealthCheckName"/> (tags <c>remedora</c>,
    /// <c>storage</c>, <c>ready</c>). Safe to call more than once: services are registered once, and every call's
    /// <paramref name="configure"/> applies, in order.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Chooses the database, for example <c>o => o.UseSqlite("Data Source=remedora.db")</c> or <c>o => o.UseNpgsql(connectionString, schema: "remedora")</c>.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder UseEntityFrameworkCoreStorage(this IRemedoraBuilder builder, Action<EntityFrameworkCoreStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        builder.AddStorageServices();
        if (!services.Any(d => d.ServiceType == typeof(EntityFrameworkCoreStorage)))
        {
            services.AddOptions<EntityFrameworkCoreStorageOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntityFrameworkCoreStorageOptions>, EntityFrameworkCoreStorageOptionsValidator>());
            services.TryAddSingleton(sp => new EntityFrameworkCoreStorage(
                sp.GetRequiredService<IOptions<EntityFrameworkCoreStorageOptions>>().Value,
                sp.GetRequiredService<StorageModel>(),
                sp.GetRequiredService<IDocumentCodec>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetServices<ICommitInterceptor>(),
                sp.GetService<ILoggerFactory>()));
            services.TryAddSingleton(sp => sp.GetRequiredService<EntityFrameworkCoreStorage>().Sessions);
            services.TryAddSingleton(sp => sp.GetRequiredService<EntityFrameworkCoreStorage>().WorkQueue);
            services.TryAddSingleton(sp => sp.GetRequiredService<EntityFrameworkCoreStorage>().AuditLog);
            services.TryAddSingleton(sp => sp.GetRequiredService<EntityFrameworkCoreStorage>().AuditIntegrator);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EntityFrameworkCoreStorageStartup>());
            services.AddHealthChecks().AddCheck<EntityFrameworkCoreStorageHealthCheck>(HealthCheckName, tags: ["remedora", "storage", "ready"]);
        }

        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Applies the shipped storage migrations the database lacks. Call it once at start-up (or set
    /// <see cref="EntityFrameworkCoreStorageOptions.MigrateOnStartup"/>); safe from several hosts at once.
    /// </summary>
    /// <param name="services">The application's services, after <c>UseEntityFrameworkCoreStorage</c>.</param>
    /// <param name="cancellationToken">A token to cancel the migration.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException"><c>UseEntityFrameworkCoreStorage</c> was not called.</exception>
    public static Task MigrateRemedoraStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = services.GetService<EntityFrameworkCoreStorage>()
            ?? throw new InvalidOperationException("Remedora storage on Entity Framework Core is not registered: call AddRemedora(r => r.UseEntityFrameworkCoreStorage(...)) first.");
        return storage.MigrateAsync(cancellationToken);
    }
}
