using Remedora.Intake.Consent;
using Remedora.Storage;

namespace Remedora.Intake.Submissions;

/// <summary>The storage collections of the intake package: submissions, consent documents and consents.</summary>
public sealed class IntakeCollections : IStorageModelContributor
{
    /// <summary>Gets the collection of submissions (<c>intake.submissions</c>).</summary>
    public static DocumentCollection<IntakeSubmission> Submissions { get; } =
        new DocumentCollectionBuilder<IntakeSubmission>("intake.submissions", IntakeSubmission.ResourceType)
            .Key(s => s.Id)
            .NewKey(s => s with { Id = Id<IntakeSubmission>.New() })
            .OwnedBy("Remedora.Intake")
            .Tenant(s => s.TenantId)
            .Version(s => s.Version, (s, v) => s with { Version = v })
            .Patient(s => s.PatientId)
            .Index("patient", s => s.PatientId.ToString())
            .Index("original", s => s.OriginalId.ToString())
            .Index("form", s => s.Form.Url)
            .Index("submitted-at", s => s.SubmittedAt)
            .Index("revision", s => (long)s.Revision)
            .Build();

    /// <summary>Gets the collection of consent document versions (<c>intake.consent-documents</c>).</summary>
    public static DocumentCollection<ConsentDocument> ConsentDocuments { get; } =
        new DocumentCollectionBuilder<ConsentDocument>("intake.consent-documents", ConsentDocument.ResourceType)
            .Key(d => d.Id)
            .NewKey(d => d with { Id = Id<ConsentDocument>.New() })
            .OwnedBy("Remedora.Intake")
            .Tenant(d => d.TenantId)
            .Version(d => d.StoredVersion, (d, v) => d with { StoredVersion = v })
            .Index("kind", d => d.Kind)
            .Index("effective-from", d => d.EffectiveFrom)
            .Build();

    /// <summary>Gets the collection of captured consents (<c>intake.consents</c>).</summary>
    public static DocumentCollection<ConsentRecord> Consents { get; } =
        new DocumentCollectionBuilder<ConsentRecord>("intake.consents", ConsentRecord.ResourceType)
            .Key(c => c.Id)
            .NewKey(c => c with { Id = Id<ConsentRecord>.New() })
            .OwnedBy("Remedora.Intake")
            .Tenant(c => c.TenantId)
            .Version(c => c.Version, (c, v) => c with { Version = v })
            .Patient(c => c.PatientId)
            .Index("patient-kind", c => PatientKind(c.PatientId, c.Kind))
            .Index("patient", c => c.PatientId.ToString())
            .Index("signed-at", c => c.SignedAt)
            .Build();

    /// <inheritdoc/>
    public void Contribute(StorageModelBuilder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Add(Submissions);
        model.Add(ConsentDocuments);
        model.Add(Consents);
    }

    internal static string PatientKind(Id<Patient> patientId, string kind) => $"{patientId}|{kind}";
}
