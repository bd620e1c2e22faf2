namespace Remedora;

/// <summary>The practitioners who care for one patient. Membership grants clinicians access to the patient's records.</summary>
public sealed record CareTeam
{
    /// <summary>Gets the care team id.</summary>
    public required Id<CareTeam> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient the team cares for.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the team's name, for example <c>Dermatology</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the members.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<CareTeamMember> Members { get; init; } = [];

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>Determines whether a practitioner is on the team.</summary>
    /// <param name="practitionerId">The practitioner.</param>
    /// <returns><see langword="true"/> when they are a member.</returns>
    public bool Includes(Id<Practitioner> practitionerId) => Members.Any(m => m.PractitionerId == practitionerId);
}
