namespace Remedora.Testing;

/// <summary>Builds a <see cref="CareCase"/>. Start one with <see cref="TestData.CareCase"/>.</summary>
public sealed class CareCaseBuilder : PatientRecordBuilder<CareCaseBuilder, CareCase>
{
    private string _pathName = "async-consult";
    private string _state = "submitted";
    private CareTeam? _careTeam;
    private DateTimeOffset _openedAt = TestClock.Start;
    private DateTimeOffset? _closedAt;

    /// <summary>Sets the care path the case follows.</summary>
    /// <param name="pathName">The path name, for example <c>hybrid-dermatology</c>.</param>
    /// <returns>This builder.</returns>
    public CareCaseBuilder OnPath(string pathName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathName);
        _pathName = pathName;
        return this;
    }

    /// <summary>Sets the current state on the path.</summary>
    /// <param name="state">The state, for example <c>in-review</c>.</param>
    /// <returns>This builder.</returns>
    public CareCaseBuilder InState(string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _state = state;
        return this;
    }

    /// <summary>Makes a care team responsible for the case.</summary>
    /// <param name="careTeam">The team; it must care for the case's patient in the case's tenant (checked by <see cref="Build"/>).</param>
    /// <returns>This builder.</returns>
    public CareCaseBuilder WithCareTeam(CareTeam careTeam)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        _careTeam = careTeam;
        return this;
    }

    /// <summary>Sets when the case was opened.</summary>
    /// <param name="openedAt">The time.</param>
    /// <returns>This builder.</returns>
    public CareCaseBuilder OpenedAt(DateTimeOffset openedAt)
    {
        _openedAt = openedAt;
        return this;
    }

    /// <summary>Closes the case.</summary>
    /// <param name="closedAt">When it was closed; the default is a week after it was opened.</param>
    /// <returns>This builder.</returns>
    public CareCaseBuilder Closed(DateTimeOffset? closedAt = null)
    {
        _closedAt = closedAt ?? _openedAt.AddDays(7);
        return this;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The care team cares for another patient or belongs to another tenant.</exception>
    public override CareCase Build()
    {
        if (_careTeam is not null && (_careTeam.PatientId != PatientId || _careTeam.TenantId != TenantId))
        {
            throw new InvalidOperationException("The case's care team cares for another patient or belongs to another tenant: call For(patient) with the team's patient.");
        }

        return new()
        {
            Id = RecordId,
            TenantId = TenantId,
            PatientId = PatientId,
            PathName = _pathName,
            State = _state,
            CareTeamId = _careTeam?.Id,
            OpenedAt = _openedAt,
            ClosedAt = _closedAt,
            Version = Version,
        };
    }
}
