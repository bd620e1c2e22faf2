namespace Remedora.CarePaths;

/// <summary>One step of a case's history: a transition, with who fired it, when and why. Never overwritten.</summary>
public sealed record CaseHistoryEntry
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the entry's sequence number within the case: 0 for the opening, then 1, 2, … without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the case's path.</summary>
    public required string PathName { get; init; }

    /// <summary>Gets the trigger fired (<c>open</c> for the opening).</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the state the case left (<see langword="null"/> for the opening).</summary>
    public string? FromState { get; init; }

    /// <summary>Gets the state the case entered.</summary>
    public required string ToState { get; init; }

    /// <summary>Gets the acting user's (or component's) id.</summary>
    public required string ActorId { get; init; }

    /// <summary>Gets the actor's role.</summary>
    public required ActorRole ActorRole { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets a PHI-free detail, for example the escalation reason.</summary>
    [Phi]
    public string? Detail { get; init; }

    /// <summary>Gets the idempotency key of the command, if it had one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }

    /// <summary>Gets the document key of an entry.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="sequence">The sequence number.</param>
    /// <returns>The key: the case id and the zero-padded sequence number.</returns>
    public static string KeyOf(Id<CareCase> caseId, long sequence) => $"{caseId}:{sequence:D10}";
}
