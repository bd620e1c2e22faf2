using Remedora.Events;
using Remedora.Storage;

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

/// <summary>The work pools (for example care teams) a practitioner takes work from in the review queue.</summary>
public sealed record ClinicianPools
{
    /// <summary>Gets the practitioner.</summary>
    public required Id<Practitioner> PractitionerId { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the pools, for example <c>dermatology</c> or <see cref="ReviewQueue.CareTeamPool"/> of a care team.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Pools { get; init; } = [];

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }
}

/// <summary>The document collections of the care paths package.</summary>
/// <remarks>
/// <c>care-paths.case-facts</c> (key: case id; index <c>patient</c>), <c>care-paths.history</c> (key: case id and
/// sequence; indexes <c>case</c>, <c>sequence</c>, <c>occurredAt</c>), <c>care-paths.receipts</c> (key: case id and
/// idempotency key; index <c>case</c>) and <c>care-paths.clinician-pools</c> (key: practitioner id).
/// </remarks>
public sealed class CarePathCollections : IStorageModelContributor
{
    /// <summary>Gets the case facts collection.</summary>
    public static DocumentCollection<CaseFacts> Facts { get; } = new DocumentCollectionBuilder<CaseFacts>("care-paths.case-facts", "CareCaseFacts")
        .Key(f => f.CaseId)
        .OwnedBy("Remedora.CarePaths")
        .Tenant(f => f.TenantId)
        .Version(f => f.Version, (f, v) => f with { Version = v })
        .Patient(f => f.PatientId)
        .Index("patient", f => f.PatientId)
        .Build();

    /// <summary>Gets the case history collection.</summary>
    public static DocumentCollection<CaseHistoryEntry> History { get; } = new DocumentCollectionBuilder<CaseHistoryEntry>("care-paths.history", "CareCaseHistory")
        .Key(h => CaseHistoryEntry.KeyOf(h.CaseId, h.Sequence))
        .OwnedBy("Remedora.CarePaths")
        .Tenant(h => h.TenantId)
        .Version(h => h.Version, (h, v) => h with { Version = v })
        .Patient(h => h.PatientId)
        .Index("case", h => h.CaseId)
        .Index("sequence", h => h.Sequence)
        .Index("occurredAt", h => h.OccurredAt)
        .Build();

    /// <summary>Gets the command receipts collection.</summary>
    public static DocumentCollection<CommandReceipt> Receipts { get; } = new DocumentCollectionBuilder<CommandReceipt>("care-paths.receipts", "CareCaseCommandReceipt")
        .Key(r => CommandReceipt.KeyOf(r.CaseId, r.IdempotencyKey))
        .OwnedBy("Remedora.CarePaths")
        .Tenant(r => r.TenantId)
        .Version(r => r.Version, (r, v) => r with { Version = v })
        .Patient(r => r.PatientId)
        .Index("case", r => r.CaseId)
        .Build();

    /// <summary>Gets the clinician pools collection.</summary>
    public static DocumentCollection<ClinicianPools> Pools { get; } = new DocumentCollectionBuilder<ClinicianPools>("care-paths.clinician-pools", "ClinicianPools")
        .Key(p => p.PractitionerId)
        .OwnedBy("Remedora.CarePaths")
        .Tenant(p => p.TenantId)
        .Version(p => p.Version, (p, v) => p with { Version = v })
        .Build();

    /// <inheritdoc/>
    public void Contribute(StorageModelBuilder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Add(Facts).Add(History).Add(Receipts).Add(Pools);
    }
}

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
