using Remedora.Testing;

namespace Remedora.Core.Tests.Actors;

public class ActorContextTests
{
    private static readonly TenantId Tenant = TestData.TenantId;
    private static readonly Id<Patient> PatientId = Id<Patient>.New();
    private static readonly Id<Practitioner> PractitionerId = Id<Practitioner>.New();

    public static TheoryData<string, ActorRole, string> PractitionerFactories() => new()
    {
        { nameof(ActorContext.ForClinician), ActorRole.Clinician, "TREAT" },
        { nameof(ActorContext.ForCareCoordinator), ActorRole.CareCoordinator, "TREAT" },
        { nameof(ActorContext.ForPharmacist), ActorRole.Pharmacist, "TREAT" },
    };

    [Fact]
    public void ForPatient_SetsRolePatientIdAndPatientRequestPurpose()
    {
        var actor = ActorContext.ForPatient(Tenant, PatientId);

        Assert.Equal(ActorRole.Patient, actor.Role);
        Assert.Equal(Tenant, actor.TenantId);
        Assert.Equal(PatientId, actor.PatientId);
        Assert.Null(actor.PractitionerId);
        Assert.Equal(PatientId.ToString(), actor.UserId);
        Assert.Equal(PurposeOfUse.PatientRequest, actor.PurposeOfUse);
        Assert.False(actor.IsBreakGlass);
        Assert.Null(actor.BreakGlass);
        Assert.Null(actor.Source);
        Assert.Null(actor.CorrelationId);
        Assert.Equal("user-1", ActorContext.ForPatient(Tenant, PatientId, "user-1").UserId);
    }

    [Theory]
    [MemberData(nameof(PractitionerFactories))]
    public void ForPractitionerRoles_SetRolePractitionerIdAndTreatmentPurpose(string factory, ActorRole role, string purpose)
    {
        var create = Factory(factory);

        var actor = create(Tenant, PractitionerId, null);

        Assert.Equal(role, actor.Role);
        Assert.Equal(PractitionerId, actor.PractitionerId);
        Assert.Null(actor.PatientId);
        Assert.Equal(PractitionerId.ToString(), actor.UserId);
        Assert.Equal(purpose, actor.PurposeOfUse?.Code);
        Assert.Equal("dr-7", create(Tenant, PractitionerId, "dr-7").UserId);
        Assert.Throws<ArgumentException>(() => create(Tenant, default, null));
        Assert.Throws<ArgumentException>(() => create(default, PractitionerId, null));
    }

    [Fact]
    public void ForAdministrator_PurposeIsOptional()
    {
        var without = ActorContext.ForAdministrator(Tenant, "admin-1");
        var with = ActorContext.ForAdministrator(Tenant, "admin-1", PurposeOfUse.Legal);

        Assert.Equal(ActorRole.Administrator, without.Role);
        Assert.Null(without.PurposeOfUse);
        Assert.Equal(PurposeOfUse.Legal, with.PurposeOfUse);
        Assert.Null(with.PatientId);
        Assert.Null(with.PractitionerId);
    }

    [Fact]
    public void ForSystem_RecordsTheComponentAsUserWithOperationsPurpose()
    {
        var actor = ActorContext.ForSystem(Tenant, "outbox-dispatcher");

        Assert.Equal(ActorRole.System, actor.Role);
        Assert.Equal("outbox-dispatcher", actor.UserId);
        Assert.Equal(PurposeOfUse.Operations, actor.PurposeOfUse);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Factories_BlankUserId_ThrowArgumentException(string userId)
    {
        Assert.Throws<ArgumentException>(() => ActorContext.ForAdministrator(Tenant, userId));
        Assert.Throws<ArgumentException>(() => ActorContext.ForSystem(Tenant, userId));
        Assert.Throws<ArgumentException>(() => ActorContext.ForPatient(Tenant, PatientId, userId));
    }

    [Fact]
    public void Factories_EmptyIds_ThrowArgumentExceptionNamingTheProblem()
    {
        var tenant = Assert.Throws<ArgumentException>(() => ActorContext.ForPatient(default, PatientId));
        var patient = Assert.Throws<ArgumentException>(() => ActorContext.ForPatient(Tenant, default));

        Assert.StartsWith("An actor acts within a tenant; the tenant id is empty.", tenant.Message, StringComparison.Ordinal);
        Assert.StartsWith("The Patient id is empty.", patient.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ActorContext.ForAdministrator(Tenant, null!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void WithBreakGlass_NoReason_ThrowsBreakGlassReasonRequiredException(string? reason)
    {
        var actor = ActorContext.ForClinician(Tenant, PractitionerId);

        var ex = Assert.Throws<BreakGlassReasonRequiredException>(() => actor.WithBreakGlass(reason, TestClock.Start));

        Assert.Equal(RemedoraErrorCodes.BreakGlassReasonRequired, ex.Code);
        Assert.Equal("Break-glass access needs a reason: state why ordinary access is not enough (it is recorded in the audit log).", ex.Message);
    }

    [Fact]
    public void WithBreakGlass_Reason_ReturnsFlaggedCopyAndLeavesOriginal()
    {
        var actor = ActorContext.ForClinician(Tenant, PractitionerId).WithCorrelationId("req-1").WithSource(new RequestSource("portal"));

        var glass = actor.WithBreakGlass("  Patient unresponsive  ", TestClock.Start);

        Assert.True(glass.IsBreakGlass);
        Assert.Equal(new BreakGlassGrant("Patient unresponsive", TestClock.Start), glass.BreakGlass);
        Assert.Equal(PurposeOfUse.EmergencyTreatment, glass.PurposeOfUse);
        Assert.Equal("req-1", glass.CorrelationId);
        Assert.Equal(new RequestSource("portal"), glass.Source);
        Assert.Equal(actor.PractitionerId, glass.PractitionerId);
        Assert.Equal(actor.UserId, glass.UserId);
        Assert.False(actor.IsBreakGlass);
        Assert.Equal(PurposeOfUse.Treatment, actor.PurposeOfUse);
    }

    [Fact]
    public void WithMethods_ReturnCopiesThatKeepEverythingElse()
    {
        var actor = ActorContext.ForPatient(Tenant, PatientId);

        var changed = actor.WithPurpose(PurposeOfUse.Payment).WithSource(new RequestSource("app", "203.0.113.7", "ios")).WithCorrelationId("c-9");

        Assert.Equal(PurposeOfUse.Payment, changed.PurposeOfUse);
        Assert.Equal("203.0.113.7", changed.Source?.NetworkAddress);
        Assert.Equal("c-9", changed.CorrelationId);
        Assert.Equal(actor.PatientId, changed.PatientId);
        Assert.Equal(actor.Role, changed.Role);
        Assert.Equal(PurposeOfUse.PatientRequest, actor.PurposeOfUse);
        Assert.Null(actor.Source);
        Assert.Throws<ArgumentNullException>(() => actor.WithSource(null!));
        Assert.Throws<ArgumentException>(() => actor.WithCorrelationId(" "));
    }

    [Fact]
    public void ToString_ShowsRoleUserTenantAndBreakGlassOnly()
    {
        var actor = ActorContext.ForClinician(Tenant, PractitionerId, "dr-7");

        Assert.Equal("Clinician dr-7 in test-tenant", actor.ToString());
        Assert.Equal("Clinician dr-7 in test-tenant (break-glass)", actor.WithBreakGlass("Jane Doe collapsed", TestClock.Start).ToString());
    }

    private static Func<TenantId, Id<Practitioner>, string?, ActorContext> Factory(string name) => name switch
    {
        nameof(ActorContext.ForClinician) => ActorContext.ForClinician,
        nameof(ActorContext.ForCareCoordinator) => ActorContext.ForCareCoordinator,
        nameof(ActorContext.ForPharmacist) => ActorContext.ForPharmacist,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
