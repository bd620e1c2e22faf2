namespace Remedora.CarePaths;

/// <summary>The record that a command with an idempotency key moved a case, so a retry returns the same outcome instead of moving it again.</summary>
public sealed record CommandReceipt
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the command's idempotency key, scoped to the actor who sent it: a hash of the actor, a colon, then the caller's key.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the trigger the command fired.</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the state the case left.</summary>
    public required string FromState { get; init; }

    /// <summary>Gets the state the case entered.</summary>
    public required string ToState { get; init; }

    /// <summary>Gets the sequence number of the history entry the command wrote.</summary>
    public required long HistorySequence { get; init; }

    /// <summary>Gets when the command committed.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }

    /// <summary>Gets the document key of a receipt.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="idempotencyKey">The idempotency key.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(Id<CareCase> caseId, string idempotencyKey) => $"{caseId}:{idempotencyKey}";
}
