using Remedora.Events;

namespace Remedora.CarePaths;

/// <summary>Raised (through the outbox) when a state's deadline passed and its timeout trigger fired.</summary>
public sealed record SlaBreached : DomainEvent
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case's path.</summary>
    public required string PathName { get; init; }

    /// <summary>Gets the state whose deadline passed.</summary>
    public required string State { get; init; }

    /// <summary>Gets the timeout trigger that fired.</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the deadline.</summary>
    public required DateTimeOffset Deadline { get; init; }
}
