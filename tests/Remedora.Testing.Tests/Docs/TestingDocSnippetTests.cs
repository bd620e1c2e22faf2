using Microsoft.Extensions.Options;
using Remedora.Access;

namespace Remedora.Testing.Tests.Docs;

/// <summary>The code shown in docs/testing.md and docs/getting-started.md, kept here so it compiles and works.</summary>
public class TestingDocSnippetTests
{
    [Fact]
    public void TestingMd_Builders_BuildConsistentRecords()
    {
        // begin-snippet: testing-builders
        var patient = TestData.Patient().InJurisdiction("US-NY").Aged(40).Build();
        var dermatologist = TestData.Practitioner()
            .LicensedIn("US-NY")                       // replaces the default US-CA licence
            .WithExpiredLicenceIn("US-NJ")
            .WithSpecialty("dermatology")
            .WithDea()                                 // a well-formed fake number, valid for two years
            .Build();
        var team = TestData.CareTeam().For(patient).WithMember(dermatologist).Build();
        var careCase = TestData.CareCase().For(patient).WithCareTeam(team).InState("in-review").Build();
        var item = TestData.WorkItem().In(careCase).RequiringLicenceIn("US-NY").ClaimedBy(dermatologist).Build();
        // end-snippet

        Assert.True(dermatologist.IsLicensedIn(patient.Jurisdiction, TestClock.Start));
        Assert.Equal(team.Id, careCase.CareTeamId);
        Assert.Equal((patient.Id, careCase.Id), (item.PatientId, item.CaseId!.Value));
    }

    [Fact]
    public async Task TestingMd_ClockAndRelationships_DriveThePolicy()
    {
        var patient = TestData.Patient().Build();
        var clinician = TestData.Practitioner().Build();
        var claimedWorkItem = TestData.WorkItem().For(patient).ClaimedBy(TestData.Practitioner().Build()).Build();

        // begin-snippet: testing-clock
        var clock = TestClock.Create();
        var actor = ActorContext.ForClinician(TestData.TenantId, clinician.Id).WithBreakGlass("Unresponsive patient", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));   // the default grant has now expired
        // end-snippet

        // begin-snippet: testing-fake-care-relationships
        var relationships = new FakeCareRelationships()
            .AddCareTeamMember(patient, clinician)      // or AddCareTeam(team) for every member
            .AddHeldWorkItem(claimedWorkItem);          // the item's holder, for its patient
        var policy = new DefaultAccessPolicy(relationships, TestClock.Create(), Options.Create(new RemedoraOptions()));
        // end-snippet

        var expired = await new DefaultAccessPolicy(new FakeCareRelationships().AddPractitioner(clinician), clock, Options.Create(new RemedoraOptions()))
            .EvaluateAsync(new AccessRequest(actor, AccessAction.Read, ResourceTypes.Patient, patient.TenantId, patient.Id));
        var member = await policy.EvaluateAsync(new AccessRequest(ActorContext.ForClinician(TestData.TenantId, clinician.Id), AccessAction.Read, ResourceTypes.Patient, patient.TenantId, patient.Id));

        Assert.Equal(AccessBasis.BreakGlassExpired, expired.Basis);
        Assert.Equal(AccessBasis.CareTeamMember, member.Basis);
    }

    [Fact]
    public async Task GettingStartedMd_TestSnippet_AllowsTheCareTeamMember()
    {
        // begin-snippet: getting-started-test-it
        var patient = TestData.Patient().Build();
        var clinician = TestData.Practitioner().Build();
        var policy = new DefaultAccessPolicy(
            new FakeCareRelationships().AddCareTeamMember(patient, clinician),
            TestClock.Create(),
            Options.Create(new RemedoraOptions()));
        // end-snippet

        var decision = await policy.EvaluateAsync(new AccessRequest(ActorContext.ForClinician(patient.TenantId, clinician.Id), AccessAction.Read, ResourceTypes.Patient, patient.TenantId, patient.Id));

        Assert.True(decision.IsAllowed);
    }
}
