using System.ComponentModel.DataAnnotations;

namespace Remedora.CarePaths;

/// <summary>Options of the care paths package. Validated when the host starts.</summary>
public sealed class CarePathsOptions
{
    /// <summary>Gets or sets how long a clinician's claim on a work item lasts before it must be renewed.</summary>
    /// <value>The default is 15 minutes. From one minute to eight hours.</value>
    [Range(typeof(TimeSpan), "00:01:00", "08:00:00")]
    public TimeSpan ReviewLeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets when a work item is due if neither its effect nor its state's SLA says.</summary>
    /// <value>The default is 24 hours. From one minute to 30 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DefaultWorkItemDue { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets a value indicating whether this host runs the SLA sweep in the background.</summary>
    /// <value>The default is <see langword="true"/>. Every host may run it: each deadline fires once.</value>
    public bool RunSlaSweep { get; set; } = true;

    /// <summary>Gets or sets how long the SLA sweep waits between runs.</summary>
    /// <value>The default is 30 seconds. From one second to one hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many due timers one sweep claims at most.</summary>
    /// <value>The default is 50. From 1 to 1000.</value>
    [Range(1, 1000)]
    public int SweepBatchSize { get; set; } = 50;

    /// <summary>Gets or sets how long a sweep holds the timers it claimed; a timer whose sweep died is retried after it.</summary>
    /// <value>The default is 2 minutes. From 10 seconds to one hour.</value>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SweepLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how far ahead "items due soon" looks.</summary>
    /// <value>The default is 2 hours. From one minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DueSoonWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets a value indicating whether the built-in paths (<see cref="BuiltInCarePaths.All"/>) are registered.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RegisterBuiltInPaths { get; set; } = true;
}
