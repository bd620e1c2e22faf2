namespace Remedora;

/// <summary>One clinical interaction within a care case.</summary>
public sealed record Encounter
{
    /// <summary>Gets the encounter id.</summary>
    public required Id<Encounter> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case the encounter belongs to.</summary>
    public Id<CareCase>? CaseId { get; init; }

    /// <summary>Gets how the interaction takes place.</summary>
    public required EncounterModality Modality { get; init; }

    /// <summary>Gets the status.</summary>
    /// <value>The default is <see cref="EncounterStatus.Planned"/>.</value>
    public EncounterStatus Status { get; init; } = EncounterStatus.Planned;

    /// <summary>Gets the practitioner conducting the encounter.</summary>
    public Id<Practitioner>? PractitionerId { get; init; }

    /// <summary>Gets when the encounter started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the encounter ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }
}
