using Remedora.Events;

namespace Remedora.CarePaths;

/// <summary>Raised (through the outbox) every time a case moves.</summary>
public sealed record CaseTransitioned : DomainEvent
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case's path.</summary>
    public required string PathName { get; init; }

    /// <summary>Gets the trigger.</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the state the case left.</summary>
    public required string FromState { get; init; }

    /// <summary>Gets the state the case entered.</summary>
    public required string ToState { get; init; }

    /// <summary>Gets the history entry's sequence number.</summary>
    public required long Sequence { get; init; }
}
