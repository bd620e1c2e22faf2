using Remedora.Storage;

namespace Remedora.CarePaths;

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
