using Remedora.Events;

namespace Remedora.CarePaths;

/// <summary>Raised (through the outbox) when a case is opened.</summary>
public sealed record CaseOpened : DomainEvent
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case's path.</summary>
    public required string PathName { get; init; }

    /// <summary>Gets the state the case starts in.</summary>
    public required string State { get; init; }
}
