namespace Remedora.Testing;

/// <summary>Builds a <see cref="CareTeam"/>. Start one with <see cref="TestData.CareTeam"/>.</summary>
public sealed class CareTeamBuilder : PatientRecordBuilder<CareTeamBuilder, CareTeam>
{
    private readonly List<CareTeamMember> _members = [];
    private string? _name = "Test Care Team";

    /// <summary>Sets the team's name.</summary>
    /// <param name="name">The name, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public CareTeamBuilder Named(string? name)
    {
        _name = name;
        return this;
    }

    /// <summary>Adds a member.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <param name="role">The member's role on the team.</param>
    /// <returns>This builder.</returns>
    public CareTeamBuilder WithMember(Practitioner practitioner, string role = "primary")
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        return WithMember(practitioner.Id, role);
    }

    /// <summary>Adds a member.</summary>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="role">The member's role on the team.</param>
    /// <returns>This builder.</returns>
    public CareTeamBuilder WithMember(Id<Practitioner> practitionerId, string role = "primary")
    {
        if (practitionerId.IsEmpty)
        {
            throw new ArgumentException("A care team member needs a non-empty practitioner id.", nameof(practitionerId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        _members.Add(new CareTeamMember(practitionerId, role));
        return this;
    }

    /// <inheritdoc/>
    public override CareTeam Build() => new()
    {
        Id = RecordId,
        TenantId = TenantId,
        PatientId = PatientId,
        Name = _name,
        Members = _members.ToArray(),
        Version = Version,
    };
}
