using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Remedora.Storage;

namespace Remedora.Audit.Integration;

/// <summary>
/// Reports the integration lag: the age of the oldest committed audit record that is not yet in its tenant's log.
/// Healthy up to <see cref="AuditIntegrationOptions.MaxLag"/>, degraded up to twice that, unhealthy beyond. Data:
/// <c>tenants</c> (with a backlog), <c>backlog</c> (records) and <c>oldestLagSeconds</c>.
/// </summary>
internal sealed class AuditIntegrationHealthCheck(IAuditLogIntegrator integrator, IOptions<AuditIntegrationOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var tenants = await integrator.ListBacklogTenantsAsync(cancellationToken).ConfigureAwait(false);
        long backlog = 0;
        var lag = TimeSpan.Zero;
        var now = timeProvider.GetUtcNow();
        foreach (var tenant in tenants)
        {
            var pending = await integrator.GetBacklogAsync(tenant, cancellationToken).ConfigureAwait(false);
            backlog += pending.Count;
            if (pending.OldestCommittedAt is { } oldest && now - oldest > lag)
            {
                lag = now - oldest;
            }
        }

        var data = new Dictionary<string, object>
        {
            ["tenants"] = tenants.Count,
            ["backlog"] = backlog,
            ["oldestLagSeconds"] = lag.TotalSeconds,
        };
        var max = options.Value.MaxLag;
        if (lag <= max)
        {
            return HealthCheckResult.Healthy($"Audit integration lag is {lag.TotalSeconds:0.###} s (at most {max.TotalSeconds:0.###} s).", data);
        }

        var description = $"Audit integration lags {lag.TotalSeconds:0.###} s behind commits ({backlog} records of {tenants.Count} tenants waiting; at most {max.TotalSeconds:0.###} s expected): check that a host runs the audit integrator and that the database answers.";
        return lag <= max * 2 ? HealthCheckResult.Degraded(description, data: data) : new HealthCheckResult(context.Registration.FailureStatus, description, data: data);
    }
}
