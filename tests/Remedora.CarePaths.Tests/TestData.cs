using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests;

internal static class TestData
{
    public static readonly TenantId Tenant = TenantId.Parse("acme-health");
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static CareCase NewCase(CarePathDefinition path, string? state = null, Id<Patient>? patient = null) => new()
    {
        Id = Id<CareCase>.New(),
        TenantId = Tenant,
        PatientId = patient ?? Id<Patient>.New(),
        PathName = path.Name,
        State = state ?? path.InitialState,
        OpenedAt = Now,
        Version = 1,
    };

    public static CaseFacts Facts(CareCase careCase) => CaseFacts.For(careCase) with { Version = 1 };

    public static ActorContext Clinician(Id<Practitioner>? id = null) => ActorContext.ForClinician(Tenant, id ?? Id<Practitioner>.New());

    public static ActorContext Patient(Id<Patient> id) => ActorContext.ForPatient(Tenant, id);

    public static ActorContext System() => ActorContext.ForSystem(Tenant, "tests");
}
