using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Diagnostics;
using Remedora.Storage;

namespace Remedora.Audit.Integration;

/// <summary>
/// Integrates committed audit records into each tenant's log through the provider's <see cref="IAuditLogIntegrator"/>:
/// one <see cref="IntegrateAsync"/> pass takes every tenant with a backlog, in batches, as long as this host holds
/// (or takes) the tenant's lease. The hosted service of <c>AddAudit</c> runs passes in the background; tests call
/// <see cref="IntegrateAsync"/> directly.
/// </summary>
/// <remarks>
/// Metrics on the <c>Remedora</c> meter: <c>remedora.audit.integration.lag</c> (histogram, seconds, from the commit of
/// a batch's oldest record to its integration), <c>remedora.audit.integration.records</c> (counter) and
/// <c>remedora.audit.integration.failures</c> (counter), tagged with <c>remedora.tenant</c>.
/// </remarks>
public sealed class AuditIntegrator
{
    private static readonly Histogram<double> LagHistogram =
        RemedoraTelemetry.Meter.CreateHistogram<double>("remedora.audit.integration.lag", unit: "s", description: "Time from the commit of an audit record to its integration into the tenant's log.");

    private static readonly Counter<long> RecordsCounter =
        RemedoraTelemetry.Meter.CreateCounter<long>("remedora.audit.integration.records", unit: "{record}", description: "Audit records integrated into their tenant's log.");

    private static readonly Counter<long> FailuresCounter =
        RemedoraTelemetry.Meter.CreateCounter<long>("remedora.audit.integration.failures", unit: "{failure}", description: "Integration batches that failed.");

    private readonly IAuditLogIntegrator _integrator;
    private readonly AuditIntegrationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="AuditIntegrator"/> class.</summary>
    /// <param name="integrator">The provider's integrator.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock that measures the lag.</param>
    /// <param name="logger">The logger.</param>
    public AuditIntegrator(IAuditLogIntegrator integrator, IOptions<AuditIntegrationOptions> options, TimeProvider timeProvider, ILogger<AuditIntegrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _integrator = integrator;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        HolderId = _options.HolderId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }

    /// <summary>Gets the id this host holds leases under.</summary>
    public string HolderId { get; }

    /// <summary>Gets the options in use.</summary>
    internal AuditIntegrationOptions Options => _options;

    /// <summary>
    /// Runs one pass: for every tenant with a backlog, integrates batches of <see cref="AuditIntegrationOptions.BatchSize"/>
    /// records until the backlog seen is empty, unless another host holds the tenant's lease. A tenant that fails is
    /// logged, counted and retried on the next pass; the other tenants go on.
    /// </summary>
    /// <param name="cancellationToken">A token to stop the pass.</param>
    /// <returns>What the pass did.</returns>
    public async Task<AuditIntegrationPass> IntegrateAsync(CancellationToken cancellationToken = default)
    {
        var tenants = await _integrator.ListBacklogTenantsAsync(cancellationToken).ConfigureAwait(false);
        long integrated = 0;
        var elsewhere = 0;
        var failed = 0;
        var maxLag = TimeSpan.Zero;
        foreach (var tenant in tenants)
        {
            try
            {
                while (true)
                {
                    var result = await _integrator.IntegrateAsync(tenant, HolderId, _options.BatchSize, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
                    if (!result.LeaseAcquired)
                    {
                        elsewhere++;
                        break;
                    }

                    integrated += result.Integrated;
                    if (result.Integrated > 0)
                    {
                        var tag = new KeyValuePair<string, object?>("remedora.tenant", tenant.Value);
                        RecordsCounter.Add(result.Integrated, tag);
                        if (result.OldestCommittedAt is { } oldest)
                        {
                            var lag = _timeProvider.GetUtcNow() - oldest;
                            lag = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
                            maxLag = lag > maxLag ? lag : maxLag;
                            LagHistogram.Record(lag.TotalSeconds, tag);
                        }

                        AuditLog.Integrated(_logger, tenant.Value, result.Integrated, result.TreeSize);
                    }

                    if (!result.HasMore)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                FailuresCounter.Add(1, new KeyValuePair<string, object?>("remedora.tenant", tenant.Value));
                AuditLog.IntegrationFailed(_logger, tenant.Value, ex.GetType().Name, ex);
            }
        }

        return new AuditIntegrationPass { Tenants = tenants.Count, Integrated = integrated, LeasedElsewhere = elsewhere, Failed = failed, MaxLag = maxLag };
    }
}
