using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Remedora.Storage;

/// <summary>
/// Reports the outbox's health: unhealthy (or the registration's failure status) when the oldest deliverable message
/// has waited longer than <see cref="OutboxDispatcherOptions.StalledThreshold"/>, degraded when at least
/// <see cref="OutboxDispatcherOptions.DeadLetterThreshold"/> messages are dead-lettered, healthy otherwise.
/// </summary>
/// <remarks>The result's data holds the counts (<c>ready</c>, <c>leased</c>, <c>expired</c>, <c>deadLettered</c>) and <c>lagSeconds</c>.</remarks>
public sealed class OutboxHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under by default.</summary>
    public const string DefaultName = "remedora-outbox";

    private readonly IWorkQueue _queue;
    private readonly IOptions<OutboxDispatcherOptions> _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="OutboxHealthCheck"/> class.</summary>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="timeProvider">The clock.</param>
    public OutboxHealthCheck(IWorkQueue queue, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _queue = queue;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var statistics = await _queue.GetStatisticsAsync(OutboxMessage.QueueName, null, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var lag = statistics.OldestClaimableSince is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["ready"] = statistics.Ready,
            ["leased"] = statistics.Leased,
            ["expired"] = statistics.Expired,
            ["deadLettered"] = statistics.DeadLettered,
            ["lagSeconds"] = lag.TotalSeconds,
        };

        if (lag > options.StalledThreshold)
        {
            var status = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            return new HealthCheckResult(
                status,
                string.Create(CultureInfo.InvariantCulture, $"The outbox is stalled: the oldest deliverable message has waited {lag.TotalSeconds:0}s (threshold {options.StalledThreshold.TotalSeconds:0}s). Check that an outbox dispatcher is running and that its handlers complete."),
                data: data);
        }

        if (statistics.DeadLettered >= options.DeadLetterThreshold)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{statistics.DeadLettered} outbox message(s) are dead-lettered. List them with IOutboxAdmin, fix the cause and replay them."),
                data: data);
        }

        return HealthCheckResult.Healthy(
            string.Create(CultureInfo.InvariantCulture, $"The outbox is delivering: {statistics.Ready} waiting, {statistics.Leased} being delivered."),
            data);
    }
}
