using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Remedora.Audit.Integration;

/// <summary>
/// Runs <see cref="AuditIntegrator"/> passes in the background while the host runs: at once again after a pass that
/// integrated something, otherwise after <see cref="AuditIntegrationOptions.PollInterval"/> on the host's clock. Does
/// nothing when disabled or when the storage provider has no integrator.
/// </summary>
internal sealed class AuditIntegrationService(IServiceProvider services, IOptions<AuditIntegrationOptions> options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || services.GetService<Remedora.Storage.IAuditLogIntegrator>() is null)
        {
            return;
        }

        var integrator = services.GetRequiredService<AuditIntegrator>();
        while (!stoppingToken.IsCancellationRequested)
        {
            AuditIntegrationPass pass;
            try
            {
                pass = await integrator.IntegrateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Listing the backlog failed (the database is unreachable): the health check reports the growing lag.
                pass = new AuditIntegrationPass { Tenants = 0, Integrated = 0, LeasedElsewhere = 0, Failed = 1, MaxLag = TimeSpan.Zero };
            }

            if (pass.Integrated == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
