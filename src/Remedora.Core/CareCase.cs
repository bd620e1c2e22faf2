namespace Remedora;

/// <summary>
/// One episode of care for one patient, moving along a care path. Its state and version are persisted; a transition
/// checks the version (optimistic concurrency).
/// </summary>
public sealed record CareCase
{
    /// <summary>Gets the case id.</summary>
    public required Id<CareCase> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the name of the care path the case follows, for example <c>async-consult</c>.</summary>
    public required string PathName { get; init; }

    /// <summary>Gets the current state on the path.</summary>
    public required string State { get; init; }

    /// <summary>Gets the care team responsible for the case.</summary>
    public Id<CareTeam>? CareTeamId { get; init; }

    /// <summary>Gets when the case was opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Gets when the case was closed.</summary>
    /// <value>The time; <see langword="null"/> while the case is open.</value>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets a value indicating whether the case is closed.</summary>
    public bool IsClosed => ClosedAt is not null;

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }
}
