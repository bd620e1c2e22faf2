using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Auditing;

public class AuditEventTests
{
    [Fact]
    public void For_CopiesTheActorsContext()
    {
        var practitionerId = Id<Practitioner>.New();
        var patientId = Id<Patient>.New();
        var actor = ActorContext.ForClinician(TestData.TenantId, practitionerId, "dr-7")
            .WithSource(new RequestSource("clinic-app"))
            .WithCorrelationId("req-42")
            .WithBreakGlass("Unresponsive patient", TestClock.Start);

        var audit = AuditEvent.For(actor, AuditAction.Read, ResourceTypes.Patient, patientId.ToString(), patientId, AuditOutcome.Success, TestClock.Start);

        Assert.Equal(TestClock.Start, audit.OccurredAt);
        Assert.Equal(TestData.TenantId, audit.TenantId);
        Assert.Equal("dr-7", audit.ActorId);
        Assert.Equal(ActorRole.Clinician, audit.ActorRole);
        Assert.Equal(AuditAction.Read, audit.Action);
        Assert.Equal(ResourceTypes.Patient, audit.ResourceType);
        Assert.Equal(patientId.ToString(), audit.ResourceId);
        Assert.Equal(patientId, audit.PatientId);
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
        Assert.Equal(PurposeOfUse.EmergencyTreatment, audit.PurposeOfUse);
        Assert.Equal("clinic-app", audit.Source?.Application);
        Assert.Equal("req-42", audit.CorrelationId);
        Assert.Equal("Unresponsive patient", audit.BreakGlassReason);
        Assert.Null(audit.Detail);
        Assert.Null(audit.Disclosure);
        Assert.Throws<ArgumentNullException>(() => AuditEvent.For(null!, AuditAction.Read, "Patient", null, null, AuditOutcome.Success, TestClock.Start));
    }

    [Fact]
    public void ActionFor_MapsEveryAccessAction()
    {
        foreach (var action in Enum.GetValues<AccessAction>())
        {
            Assert.Equal(action.ToString(), AuditEvent.ActionFor(action).ToString());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => AuditEvent.ActionFor((AccessAction)42));
    }
}
