namespace Remedora;

/// <summary>A brand or practice. Every record carries its tenant and no query crosses tenants.</summary>
public sealed record Tenant
{
    /// <summary>Gets the tenant id.</summary>
    public required TenantId Id { get; init; }

    /// <summary>Gets the display name, for example <c>Acme Dermatology</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the jurisdictions the tenant offers care in.</summary>
    /// <value>The default is empty (no restriction recorded).</value>
    public IReadOnlyList<Jurisdiction> ServiceJurisdictions { get; init; } = [];

    /// <summary>Gets a value indicating whether the tenant is active.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Active { get; init; } = true;

    /// <summary>Gets when the tenant was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }
}
