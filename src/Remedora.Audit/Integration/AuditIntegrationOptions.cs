using System.ComponentModel.DataAnnotations;

namespace Remedora.Audit.Integration;

/// <summary>
/// How committed audit records are integrated into each tenant's log: by the hosted <see cref="AuditIntegrator"/>
/// of every host, one host at a time per tenant under a lease kept in the database.
/// </summary>
public sealed class AuditIntegrationOptions
{
    /// <summary>Gets or sets a value indicating whether this host runs the background integrator.</summary>
    /// <value>The default is <see langword="true"/>. A host that only reads may turn it off; at least one host must run it.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how long the integrator waits after a pass that found nothing to integrate.</summary>
    /// <value>The default is 100 ms; 1 ms to 1 minute. With a backlog it does not wait.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets the most records one integration transaction takes from a tenant's backlog.</summary>
    /// <value>The default is 1,000; 1 to 5,000.</value>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Gets or sets how long a host's lease on a tenant lasts: another host takes the tenant over this long after the holder stops renewing it (for example when it dies).</summary>
    /// <value>The default is 10 s; 1 s to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the lag the health check accepts: the age of the oldest committed record not yet integrated. Beyond
    /// it the check is degraded, beyond twice it unhealthy. Bound the lag with it: after a host dies, the lag can reach
    /// <see cref="LeaseDuration"/> plus one pass before another host takes over.
    /// </summary>
    /// <value>The default is 30 s; 1 s to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the id this host holds leases under.</summary>
    /// <value>The default (<see langword="null"/>) is the machine name, the process id and a random suffix.</value>
    [StringLength(200, MinimumLength = 1)]
    public string? HolderId { get; set; }
}
