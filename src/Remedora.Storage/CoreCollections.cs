using Remedora.Access;

namespace Remedora.Storage;

/// <summary>The document collections of the core model, contributed by the storage package itself.</summary>
/// <remarks>
/// Index names, by collection: <c>tenants</c> (none); <c>patients</c>: <c>email</c> (protected, lower-cased),
/// <c>phone</c> (protected), <c>jurisdiction</c>; <c>practitioners</c>: <c>npi</c>; <c>care-teams</c>: <c>patient</c>;
/// <c>care-cases</c>: <c>patient</c>, <c>path</c>, <c>state</c>, <c>openedAt</c>; <c>encounters</c>: <c>patient</c>,
/// <c>case</c>, <c>status</c>, <c>startedAt</c>; <c>work-items</c>: <c>patient</c>, <c>case</c>, <c>status</c>,
/// <c>claimedBy</c>, <c>priority</c>, <c>dueAt</c>, <c>completedAt</c>.
/// </remarks>
public sealed class CoreCollections : IStorageModelContributor
{
    /// <summary>Gets the tenants collection (key: the tenant id).</summary>
    public static DocumentCollection<Tenant> Tenants { get; } = new DocumentCollectionBuilder<Tenant>("tenants", ResourceTypes.Tenant)
        .Key(t => t.Id.Value)
        .Tenant(t => t.Id)
        .Version(t => t.Version, (t, v) => t with { Version = v })
        .Build();

    /// <summary>Gets the patients collection.</summary>
    public static DocumentCollection<Patient> Patients { get; } = new DocumentCollectionBuilder<Patient>("patients", ResourceTypes.Patient)
        .Key(p => p.Id)
        .NewKey(p => p with { Id = Id<Patient>.New() })
        .Tenant(p => p.TenantId)
        .Version(p => p.Version, (p, v) => p with { Version = v })
        .Patient(p => p.Id)
        .Index("email", p => NormalizeEmail(p.Email), IndexOptions.Protected)
        .Index("phone", p => p.Phone, IndexOptions.Protected)
        .Index("jurisdiction", p => p.Jurisdiction.Code)
        .Build();

    /// <summary>Gets the practitioners collection.</summary>
    public static DocumentCollection<Practitioner> Practitioners { get; } = new DocumentCollectionBuilder<Practitioner>("practitioners", ResourceTypes.Practitioner)
        .Key(p => p.Id)
        .NewKey(p => p with { Id = Id<Practitioner>.New() })
        .Tenant(p => p.TenantId)
        .Version(p => p.Version, (p, v) => p with { Version = v })
        .Index("npi", p => p.Npi)
        .Build();

    /// <summary>Gets the care teams collection.</summary>
    public static DocumentCollection<CareTeam> CareTeams { get; } = new DocumentCollectionBuilder<CareTeam>("care-teams", ResourceTypes.CareTeam)
        .Key(t => t.Id)
        .NewKey(t => t with { Id = Id<CareTeam>.New() })
        .Tenant(t => t.TenantId)
        .Version(t => t.Version, (t, v) => t with { Version = v })
        .Patient(t => t.PatientId)
        .Index("patient", t => t.PatientId)
        .Build();

    /// <summary>Gets the care cases collection.</summary>
    public static DocumentCollection<CareCase> CareCases { get; } = new DocumentCollectionBuilder<CareCase>("care-cases", ResourceTypes.CareCase)
        .Key(c => c.Id)
        .NewKey(c => c with { Id = Id<CareCase>.New() })
        .OwnedBy("Remedora.CarePaths")
        .Tenant(c => c.TenantId)
        .Version(c => c.Version, (c, v) => c with { Version = v })
        .Patient(c => c.PatientId)
        .Index("patient", c => c.PatientId)
        .Index("path", c => c.PathName)
        .Index("state", c => c.State)
        .Index("openedAt", c => c.OpenedAt)
        .Build();

    /// <summary>Gets the encounters collection.</summary>
    public static DocumentCollection<Encounter> Encounters { get; } = new DocumentCollectionBuilder<Encounter>("encounters", ResourceTypes.Encounter)
        .Key(e => e.Id)
        .NewKey(e => e with { Id = Id<Encounter>.New() })
        .OwnedBy("Remedora.CarePaths")
        .Tenant(e => e.TenantId)
        .Version(e => e.Version, (e, v) => e with { Version = v })
        .Patient(e => e.PatientId)
        .Index("patient", e => e.PatientId)
        .Index("case", e => e.CaseId)
        .Index("status", e => e.Status)
        .Index("startedAt", e => e.StartedAt)
        .Build();

    /// <summary>Gets the work items collection.</summary>
    public static DocumentCollection<WorkItem> WorkItems { get; } = new DocumentCollectionBuilder<WorkItem>("work-items", ResourceTypes.WorkItem)
        .Key(w => w.Id)
        .NewKey(w => w with { Id = Id<WorkItem>.New() })
        .OwnedBy("Remedora.CarePaths")
        .Tenant(w => w.TenantId)
        .Version(w => w.Version, (w, v) => w with { Version = v })
        .Patient(w => w.PatientId)
        .Index("patient", w => w.PatientId)
        .Index("case", w => w.CaseId)
        .Index("status", w => w.Status)
        .Index("claimedBy", w => w.ClaimedBy)
        .Index("priority", w => (int)w.Priority)
        .Index("dueAt", w => w.DueAt)
        .Index("completedAt", w => w.CompletedAt)
        .Build();

    /// <summary>Normalises an email address for the <c>email</c> index: trimmed and lower-cased.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The normalised address, or <see langword="null"/>.</returns>
    public static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <inheritdoc/>
    public void Contribute(StorageModelBuilder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Add(Tenants).Add(Patients).Add(Practitioners).Add(CareTeams).Add(CareCases).Add(Encounters).Add(WorkItems);
    }
}
