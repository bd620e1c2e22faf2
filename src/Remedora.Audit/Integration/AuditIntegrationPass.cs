namespace Remedora.Audit.Integration;

/// <summary>What one <see cref="AuditIntegrator.IntegrateAsync"/> pass did.</summary>
public sealed record AuditIntegrationPass
{
    /// <summary>Gets how many tenants had a backlog.</summary>
    public required int Tenants { get; init; }

    /// <summary>Gets how many records this host integrated.</summary>
    public required long Integrated { get; init; }

    /// <summary>Gets how many tenants another host held the lease of (this host left them alone).</summary>
    public required int LeasedElsewhere { get; init; }

    /// <summary>Gets how many tenants failed to integrate (logged; retried on the next pass).</summary>
    public required int Failed { get; init; }

    /// <summary>Gets the largest lag seen: from the commit of the oldest record integrated to its integration.</summary>
    public required TimeSpan MaxLag { get; init; }
}
