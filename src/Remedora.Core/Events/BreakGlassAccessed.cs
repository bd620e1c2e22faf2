namespace Remedora.Events;

/// <summary>Raised when an actor is granted access through break-glass, so the application can alert on it.</summary>
public sealed record BreakGlassAccessed : DomainEvent
{
    /// <summary>Gets the acting user's id.</summary>
    public required string ActorId { get; init; }

    /// <summary>Gets the actor's role.</summary>
    public required ActorRole ActorRole { get; init; }

    /// <summary>Gets the patient whose record was reached.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the kind of record reached.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the stated reason.</summary>
    [Phi]
    public required string Reason { get; init; }
}
