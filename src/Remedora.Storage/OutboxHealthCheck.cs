using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Remedora.Storage;

/// <summary>
/// Reports the outbox's health, in this order: unhealthy (or the registration's failure status) when the oldest
/// deliverable message has waited longer than <see cref="OutboxDispatcherOptions.StalledThreshold"/>; degraded when
/// messages wait, no outbox dispatcher runs in this process and none is delivering anywhere (no outbox message is
/// leased) although the oldest has waited at least one <see cref="OutboxDispatcherOptions.PollInterval"/>; degraded
/// when at least <see cref="OutboxDispatcherOptions.DeadLetterThreshold"/> messages are dead-lettered; healthy
/// otherwise.
/// </summary>
/// <remarks>
/// <para>Dispatchers keep no heartbeat: the leases they hold on messages (in the database, for the database providers)
/// are the only trace of a dispatcher in another process. A node without a dispatcher of its own therefore reports
/// degraded only while messages wait that nobody is delivering, and unhealthy once they have waited past the stalled
/// threshold, wherever the dispatchers were meant to run.</para>
/// <para>Messages waiting to be handed to their handlers and per-handler deliveries count together.</para>
/// <para>The result's data holds the counts (<c>ready</c>, <c>leased</c>, <c>expired</c>, <c>deadLettered</c>),
/// <c>lagSeconds</c> and <c>dispatcherInProcess</c>.</para>
/// </remarks>
public sealed class OutboxHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under by default.</summary>
    public const string DefaultName = "remedora-outbox";

    private readonly IWorkQueue _queue;
    private readonly IOptions<OutboxDispatcherOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly OutboxDispatcher? _dispatcher;

    /// <summary>Initializes a new instance of the <see cref="OutboxHealthCheck"/> class for a process that runs no outbox dispatcher.</summary>
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

    /// <summary>Initializes a new instance of the <see cref="OutboxHealthCheck"/> class for a process with an outbox dispatcher.</summary>
    /// <param name="queue">The work queue of the storage provider.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="dispatcher">This process's dispatcher; it counts as running while <see cref="OutboxDispatcher.IsRunning"/>.</param>
    public OutboxHealthCheck(IWorkQueue queue, IOptions<OutboxDispatcherOptions> options, TimeProvider timeProvider, OutboxDispatcher dispatcher)
        : this(queue, options, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var statistics = await OutboxDeliveries.GetStatisticsAsync(_queue, null, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var lag = statistics.OldestClaimableSince is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero;
        var dispatcherInProcess = _dispatcher?.IsRunning ?? false;
        var data = new Dictionary<string, object>
        {
            ["ready"] = statistics.Ready,
            ["leased"] = statistics.Leased,
            ["expired"] = statistics.Expired,
            ["deadLettered"] = statistics.DeadLettered,
            ["lagSeconds"] = lag.TotalSeconds,
            ["dispatcherInProcess"] = dispatcherInProcess,
        };

        if (lag > options.StalledThreshold)
        {
            var status = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            var where = dispatcherInProcess
                ? "Check that its handlers complete."
                : "No outbox dispatcher runs in this process: call AddOutboxDispatcher(), or check the nodes that run one.";
            return new HealthCheckResult(
                status,
                string.Create(CultureInfo.InvariantCulture, $"The outbox is stalled: the oldest deliverable message has waited {lag.TotalSeconds:0}s (threshold {options.StalledThreshold.TotalSeconds:0}s). {where}"),
                data: data);
        }

        var waiting = statistics.Ready + statistics.Expired;
        if (!dispatcherInProcess && statistics.Leased == 0 && waiting > 0 && statistics.OldestClaimableSince is not null && lag >= options.PollInterval)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{waiting} outbox message(s) wait and nothing delivers them: no outbox dispatcher runs in this process and none holds a message anywhere. Call AddOutboxDispatcher(), or check the nodes that run one."),
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
