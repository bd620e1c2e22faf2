namespace Remedora.Benchmarks.Audit;

/// <summary>The audit event the append benchmarks write: a clinician reading an encounter, every field filled.</summary>
internal static class SampleAuditEvents
{
    public static AuditEvent ClinicianRead(TenantId tenant) => new()
    {
        OccurredAt = DateTimeOffset.UnixEpoch.AddYears(56),
        TenantId = tenant,
        ActorId = "dr-chen",
        ActorRole = ActorRole.Clinician,
        Action = AuditAction.Read,
        ResourceType = "Encounter",
        ResourceId = Guid.CreateVersion7().ToString(),
        PatientId = Id<Patient>.New(),
        Outcome = AuditOutcome.Success,
        PurposeOfUse = PurposeOfUse.Treatment,
        Source = new RequestSource("clinician-portal", "10.1.2.3", "Mozilla/5.0"),
        CorrelationId = "c0ffee",
        Detail = "basis:CareTeamMember",
    };
}
