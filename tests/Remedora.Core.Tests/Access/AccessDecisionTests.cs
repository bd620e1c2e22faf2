using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Access;

public class AccessDecisionTests
{
    private static readonly Id<Patient> PatientId = Id<Patient>.Parse("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10");

    [Fact]
    public void Allow_BreakGlassBasis_IsFlagged()
    {
        Assert.True(AccessDecision.Allow(AccessBasis.BreakGlass).IsBreakGlass);
        Assert.False(AccessDecision.Allow(AccessBasis.CareTeamMember).IsBreakGlass);
        Assert.False(AccessDecision.Deny(AccessBasis.BreakGlassExpired).IsBreakGlass);
    }

    [Fact]
    public void ToException_HiddenDenialWithoutResourceId_NamesThePatientId()
    {
        var request = new AccessRequest(ActorContext.ForSystem(TestData.TenantId, "sweep"), AccessAction.Search, ResourceTypes.Encounter, TestData.TenantId, PatientId);

        var ex = Assert.IsType<RecordNotFoundException>(AccessDecision.Deny(AccessBasis.NoRelationship).ToException(request));

        Assert.Equal(PatientId.ToString(), ex.ResourceId);
        Assert.Equal($"No Encounter with id '{PatientId}' was found. Check the id, the actor's tenant and the actor's relationship to the patient.", ex.Message);
    }

    [Fact]
    public void ToException_HiddenDenialWithoutAnyId_SaysUnspecified()
    {
        var request = new AccessRequest(ActorContext.ForSystem(TestData.TenantId, "sweep"), AccessAction.Search, ResourceTypes.Practitioner, TestData.TenantId, null);

        var ex = Assert.IsType<RecordNotFoundException>(AccessDecision.Deny(AccessBasis.OtherTenant).ToException(request));

        Assert.Equal("(unspecified)", ex.ResourceId);
    }

    [Fact]
    public void ToException_VisibleDenial_SaysWhatToDo()
    {
        var request = new AccessRequest(ActorContext.ForPatient(TestData.TenantId, PatientId), AccessAction.Delete, ResourceTypes.CareCase, TestData.TenantId, PatientId);

        var ex = Assert.IsType<AccessDeniedException>(AccessDecision.Deny(AccessBasis.ActionNotPermitted).ToException(request));

        Assert.Equal("A Patient may not delete a CareCase. Act in a role that is allowed to, or state a purpose of use that permits it.", ex.Message);
    }

    [Fact]
    public void ToException_NullRequest_ThrowsArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => AccessDecision.Deny(AccessBasis.NoRelationship).ToException(null!));
}
