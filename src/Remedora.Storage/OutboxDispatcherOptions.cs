using System.ComponentModel.DataAnnotations;

namespace Remedora.Storage;

/// <summary>Options of the <see cref="OutboxDispatcher"/> and the <see cref="OutboxHealthCheck"/>. Validated when the host starts.</summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>Gets or sets a value indicating whether the dispatcher runs as a hosted service.</summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/>, messages are delivered only by calls to <see cref="OutboxDispatcher.RunOnceAsync"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the most messages claimed by one poll.</summary>
    /// <value>The default is 20. From 1 to 1000.</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Gets or sets how many delivery attempts a message gets before it is dead-lettered.</summary>
    /// <value>The default is 10. From 1 to 100.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Gets or sets how long the dispatcher waits after a poll that found fewer messages than <see cref="BatchSize"/>.</summary>
    /// <value>The default is one second. From 10 milliseconds to one hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long a claim on a batch lasts. The dispatcher renews the leases of a batch every third of this
    /// while its handlers run, so a slow handler keeps its messages and no other dispatcher delivers them meanwhile.
    /// </summary>
    /// <value>The default is 30 seconds. From one second to one hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the delay before the second attempt; each later attempt waits twice as long as the one before, up to <see cref="MaxBackoff"/>.</summary>
    /// <value>The default is one second. From one millisecond to one day.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between two attempts.</summary>
    /// <value>The default is five minutes. From one millisecond to seven days, and not less than <see cref="InitialBackoff"/>.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long the oldest deliverable message may wait before the health check reports the outbox as
    /// stalled (no dispatcher running, or every delivery stuck).
    /// </summary>
    /// <value>The default is five minutes. From one second to seven days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StalledThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many dead-lettered messages make the health check report the outbox as degraded.</summary>
    /// <value>The default is 1. From 1 to <see cref="int.MaxValue"/>.</value>
    [Range(1, int.MaxValue)]
    public int DeadLetterThreshold { get; set; } = 1;

    /// <summary>Gets or sets the lease owner this dispatcher claims as; it appears in queue listings.</summary>
    /// <value>
    /// The default is <see langword="null"/>: <c>outbox-</c>, the machine name and a random suffix, unique per dispatcher.
    /// Otherwise 1 to 128 characters; give every dispatcher its own.
    /// </value>
    [StringLength(128, MinimumLength = 1, ErrorMessage = "OwnerId must be 1 to 128 characters when it is set.")]
    public string? OwnerId { get; set; }

    /// <summary>Gets the delay before the attempt that follows a failed one: <see cref="InitialBackoff"/> × 2^(attempt − 1), at most <see cref="MaxBackoff"/>. No jitter, so the schedule is deterministic.</summary>
    /// <param name="failedAttempt">The attempt that failed (1 for the first).</param>
    /// <returns>The delay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedAttempt"/> is less than 1.</exception>
    public TimeSpan GetRetryDelay(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        if (failedAttempt > 62)
        {
            return MaxBackoff;
        }

        var ticks = InitialBackoff.Ticks * Math.Pow(2, failedAttempt - 1);
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
