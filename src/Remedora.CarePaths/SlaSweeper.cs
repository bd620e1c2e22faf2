using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>
/// Fires the timeout triggers of passed deadlines. Timers are queue items in <see cref="CarePathEngine.TimerQueueName"/>,
/// available at their deadline, so the database decides which sweep takes each one; the timer's lease completes in
/// the same unit of work as the transition it fires. Any number of sweeps on any number of nodes may run: each
/// deadline fires once.
/// </summary>
public sealed class SlaSweeper
{
    private readonly CarePathEngine _engine;
    private readonly ReviewQueue _reviewQueue;
    private readonly IWorkQueue _queue;
    private readonly CarePathsOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SlaSweeper"/> class.</summary>
    /// <param name="engine">The engine that fires the timeout triggers.</param>
    /// <param name="reviewQueue">The review queue, whose expired leases the sweep returns and whose depth it reports.</param>
    /// <param name="queue">The work queue.</param>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    public SlaSweeper(CarePathEngine engine, ReviewQueue reviewQueue, IWorkQueue queue, IOptions<CarePathsOptions> options, ILogger<SlaSweeper>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(reviewQueue);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _reviewQueue = reviewQueue;
        _queue = queue;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Owner = $"care-paths.sla/{Guid.NewGuid():N}";
    }

    /// <summary>Gets the lease owner this sweeper claims timers as.</summary>
    public string Owner { get; }

    /// <summary>Claims the due timers (at most <see cref="CarePathsOptions.SweepBatchSize"/>, across tenants) and fires them.</summary>
    /// <param name="cancellationToken">A token to cancel the sweep.</param>
    /// <returns>What the sweep did.</returns>
    public async Task<SlaSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        using var activity = Remedora.Diagnostics.RemedoraTelemetry.ActivitySource.StartActivity("carepaths.sla_sweep");
        var claimed = await _queue.ClaimNextAsync(
            new ClaimRequest { Queue = CarePathEngine.TimerQueueName, Owner = Owner, LeaseDuration = _options.SweepLeaseDuration, MaxItems = _options.SweepBatchSize },
            cancellationToken).ConfigureAwait(false);
        int fired = 0, stale = 0, lost = 0, failed = 0;
        foreach (var timer in claimed)
        {
            try
            {
                var outcome = await _engine.FireTimerAsync(timer, cancellationToken).ConfigureAwait(false);
                if (outcome is { IsMoved: true, IsReplay: false })
                {
                    fired++;
                }
                else
                {
                    stale++;
                }
            }
            catch (LeaseLostException)
            {
                lost++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                CarePathsLog.TimerFailed(_logger, timer.Item.Id, ex.GetType().Name);
                try
                {
                    await _queue.FailAsync(timer.Lease, ex.GetType().Name, timer.Lease.ExpiresAt, cancellationToken).ConfigureAwait(false);
                }
                catch (LeaseLostException)
                {
                }
            }
        }

        var returned = await _reviewQueue.ReturnExpiredAsync(cancellationToken).ConfigureAwait(false);
        var stats = await _queue.GetStatisticsAsync(ReviewQueue.QueueName, null, cancellationToken).ConfigureAwait(false);
        CarePathsTelemetry.RecordQueueDepth(stats.Ready, stats.Leased, stats.Expired, stats.Overdue);
        activity?.SetTag("remedora.sla.fired", fired);
        return new SlaSweepResult(claimed.Count, fired, stale, lost, failed, returned);
    }
}
