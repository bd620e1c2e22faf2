using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Access;

/// <summary>
/// Staff are accepted only as active members of the actor's tenant: every role x the practitioner's membership x
/// patient and non-patient records x with and without break-glass. Staff roles whose practitioner is inactive,
/// another tenant's or unknown are refused as "not found" (<see cref="AccessBasis.NotTenantMember"/>) even though
/// every relationship that would otherwise grant access is in place; roles without a practitioner are unaffected.
/// </summary>
public class TenantMembershipTests
{
    public enum Membership
    {
        Member,
        InactiveMember,
        OtherTenantsPractitioner,
        UnknownId,
    }

    public static TheoryData<ActorRole, Membership, bool, bool> Cases()
    {
        var data = new TheoryData<ActorRole, Membership, bool, bool>();
        foreach (var role in Enum.GetValues<ActorRole>())
        {
            foreach (var membership in Enum.GetValues<Membership>())
            {
                foreach (var patientRecord in new[] { true, false })
                {
                    foreach (var breakGlass in new[] { false, true })
                    {
                        data.Add(role, membership, patientRecord, breakGlass);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EvaluateAsync_EveryRoleAndMembership_RefusesStaffThatAreNotActiveMembers(ActorRole role, Membership membership, bool patientRecord, bool breakGlass)
    {
        var clock = TestClock.Create();
        var patient = TestData.Patient().Build();
        var practitioner = TestData.Practitioner().Build();
        var relationships = new FakeCareRelationships();
        switch (membership)
        {
            case Membership.Member:
                relationships.AddPractitioner(practitioner);
                break;
            case Membership.InactiveMember:
                relationships.AddPractitioner(practitioner with { Active = false });
                break;
            case Membership.OtherTenantsPractitioner:
                relationships.AddPractitioner(practitioner with { TenantId = TestData.OtherTenantId });
                break;
        }

        // Every relationship that would grant access to a member is in place.
        relationships.AddCareTeamMember(TestData.TenantId, practitioner.Id, patient.Id)
            .AddHeldWorkItem(TestData.TenantId, practitioner.Id, patient.Id)
            .AddCompletedWorkItem(TestData.TenantId, practitioner.Id, patient.Id);
        var policy = new DefaultAccessPolicy(relationships, clock, Options.Create(new RemedoraOptions()));
        var actor = role switch
        {
            ActorRole.Patient => ActorContext.ForPatient(TestData.TenantId, patient.Id),
            ActorRole.Clinician => ActorContext.ForClinician(TestData.TenantId, practitioner.Id),
            ActorRole.CareCoordinator => ActorContext.ForCareCoordinator(TestData.TenantId, practitioner.Id),
            ActorRole.Pharmacist => ActorContext.ForPharmacist(TestData.TenantId, practitioner.Id),
            ActorRole.Administrator => ActorContext.ForAdministrator(TestData.TenantId, "admin-7", PurposeOfUse.Operations),
            _ => ActorContext.ForSystem(TestData.TenantId, "sla-sweep"),
        };
        if (breakGlass)
        {
            actor = actor.WithBreakGlass("Patient unresponsive during a video visit", clock.GetUtcNow());
        }

        var request = patientRecord
            ? new AccessRequest(actor, AccessAction.Read, ResourceTypes.CareCase, TestData.TenantId, patient.Id, Id<CareCase>.New().ToString())
            : new AccessRequest(actor, AccessAction.Read, ResourceTypes.Practitioner, TestData.TenantId, null, practitioner.Id.ToString());

        var decision = await policy.EvaluateAsync(request);

        var staff = role is ActorRole.Clinician or ActorRole.CareCoordinator or ActorRole.Pharmacist;
        var expected = (staff, membership, patientRecord) switch
        {
            (true, not Membership.Member, _) => AccessBasis.NotTenantMember,
            (_, _, false) => AccessBasis.TenantMember,
            (true, _, true) => AccessBasis.CareTeamMember,
            _ => role switch
            {
                ActorRole.Patient => AccessBasis.OwnRecord,
                ActorRole.Administrator => AccessBasis.AdministrativePurpose,
                _ => AccessBasis.System,
            },
        };
        Assert.Equal(expected, decision.Basis);
        Assert.Equal(expected != AccessBasis.NotTenantMember, decision.IsAllowed);
        Assert.False(decision.IsBreakGlass);
        if (!decision.IsAllowed)
        {
            // Exactly what an unknown record gives: not found, with the requested id.
            Assert.True(decision.HidesExistence);
            var notFound = Assert.IsType<RecordNotFoundException>(decision.ToException(request));
            Assert.Equal((request.ResourceType, request.ResourceId), (notFound.ResourceType, notFound.ResourceId));
        }
    }

    [Fact]
    public async Task EvaluateAsync_ForeignPractitionerWithBreakGlassAndNoRelationship_IsNotTenantMember()
    {
        var clock = TestClock.Create();
        var patient = TestData.Patient().Build();
        var foreign = TestData.Practitioner().InTenant(TestData.OtherTenantId).Build();
        var relationships = new FakeCareRelationships().AddPractitioner(foreign);
        var policy = new DefaultAccessPolicy(relationships, clock, Options.Create(new RemedoraOptions()));
        var actor = ActorContext.ForClinician(TestData.TenantId, foreign.Id).WithBreakGlass("Unresponsive patient", clock.GetUtcNow());

        var decision = await policy.EvaluateAsync(new AccessRequest(actor, AccessAction.Read, ResourceTypes.Patient, TestData.TenantId, patient.Id, patient.Id.ToString()));

        Assert.Equal(AccessBasis.NotTenantMember, decision.Basis);
        Assert.False(decision.IsBreakGlass);
    }
}
