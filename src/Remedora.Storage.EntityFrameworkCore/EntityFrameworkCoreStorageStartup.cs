using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Applies the migrations when the host starts, before any hosted service starts, if <see cref="EntityFrameworkCoreStorageOptions.MigrateOnStartup"/> is set.</summary>
internal sealed class EntityFrameworkCoreStorageStartup(IOptions<EntityFrameworkCoreStorageOptions> options, IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
        => options.Value.MigrateOnStartup
            ? ((EntityFrameworkCoreStorage)services.GetService(typeof(EntityFrameworkCoreStorage))!).MigrateAsync(cancellationToken)
            : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
