namespace Remedora.CarePaths;

/// <summary>The work pools (for example care teams) a practitioner takes work from in the review queue.</summary>
public sealed record ClinicianPools
{
    /// <summary>Gets the practitioner.</summary>
    public required Id<Practitioner> PractitionerId { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the pools, for example <c>dermatology</c> or <see cref="ReviewQueue.CareTeamPool"/> of a care team.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Pools { get; init; } = [];

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }
}
