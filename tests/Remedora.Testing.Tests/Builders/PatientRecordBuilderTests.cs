namespace Remedora.Testing.Tests.Builders;

public class PatientRecordBuilderTests
{
    private readonly Patient _patient = TestData.Patient().InTenant(TestData.OtherTenantId).Build();
    private readonly Practitioner _clinician = TestData.Practitioner().InTenant(TestData.OtherTenantId).Build();

    [Fact]
    public void CareTeam_For_TakesThePatientAndTenant()
    {
        var team = TestData.CareTeam().For(_patient).Named("Dermatology").WithMember(_clinician).WithMember(Id<Practitioner>.New(), "consultant").Build();

        Assert.Equal(_patient.Id, team.PatientId);
        Assert.Equal(TestData.OtherTenantId, team.TenantId);
        Assert.Equal("Dermatology", team.Name);
        Assert.Equal(2, team.Members.Count);
        Assert.Equal(new CareTeamMember(_clinician.Id, "primary"), team.Members[0]);
        Assert.Equal("consultant", team.Members[1].Role);
        Assert.Throws<ArgumentException>(() => TestData.CareTeam().WithMember(default(Id<Practitioner>)));
        Assert.Throws<ArgumentException>(() => TestData.CareTeam().ForPatient(default));
    }

    [Fact]
    public void CareTeam_Defaults_HaveAPatientAndNoMembers()
    {
        var team = TestData.CareTeam().Build();

        Assert.False(team.PatientId.IsEmpty);
        Assert.Equal("Test Care Team", team.Name);
        Assert.Empty(team.Members);
        Assert.Null(TestData.CareTeam().Named(null).Build().Name);
    }

    [Fact]
    public void CareCase_Defaults_AreAnOpenAsyncConsult()
    {
        var careCase = TestData.CareCase().Build();

        Assert.Equal("async-consult", careCase.PathName);
        Assert.Equal("submitted", careCase.State);
        Assert.Equal(TestClock.Start, careCase.OpenedAt);
        Assert.False(careCase.IsClosed);
        Assert.Null(careCase.CareTeamId);
        Assert.Equal(TestData.TenantId, careCase.TenantId);
    }

    [Fact]
    public void CareCase_Settings_AreApplied()
    {
        var team = TestData.CareTeam().For(_patient).WithMember(_clinician).Build();
        var opened = TestClock.Start.AddDays(-2);

        var careCase = TestData.CareCase().For(_patient).OnPath("hybrid-dermatology").InState("in-review").WithCareTeam(team).OpenedAt(opened).Closed().WithVersion(3).Build();

        Assert.Equal(_patient.Id, careCase.PatientId);
        Assert.Equal(TestData.OtherTenantId, careCase.TenantId);
        Assert.Equal(("hybrid-dermatology", "in-review"), (careCase.PathName, careCase.State));
        Assert.Equal(team.Id, careCase.CareTeamId);
        Assert.Equal(opened, careCase.OpenedAt);
        Assert.Equal(opened.AddDays(7), careCase.ClosedAt);
        Assert.Equal(3, careCase.Version);
        Assert.Equal(TestClock.Start, TestData.CareCase().Closed(TestClock.Start).Build().ClosedAt);
    }

    [Fact]
    public void CareCase_CareTeamOfAnotherPatient_FailsToBuild()
    {
        var team = TestData.CareTeam().For(_patient).Build();

        var builder = TestData.CareCase().For(TestData.Patient().InTenant(TestData.OtherTenantId).Build()).WithCareTeam(team);

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Equal("The case's care team cares for another patient or belongs to another tenant: call For(patient) with the team's patient.", ex.Message);
        Assert.Throws<InvalidOperationException>(() => TestData.CareCase().WithCareTeam(team).Build());
        Assert.Equal(team.Id, TestData.CareCase().WithCareTeam(team).For(_patient).Build().CareTeamId);
    }

    [Fact]
    public void Encounter_In_TakesTheCasePatientAndTenant()
    {
        var careCase = TestData.CareCase().For(_patient).Build();

        var encounter = TestData.Encounter().In(careCase).WithModality(EncounterModality.Video).ConductedBy(_clinician).Started().Build();

        Assert.Equal(careCase.Id, encounter.CaseId);
        Assert.Equal(_patient.Id, encounter.PatientId);
        Assert.Equal(TestData.OtherTenantId, encounter.TenantId);
        Assert.Equal(EncounterModality.Video, encounter.Modality);
        Assert.Equal(EncounterStatus.InProgress, encounter.Status);
        Assert.Equal(_clinician.Id, encounter.PractitionerId);
        Assert.Equal(TestClock.Start, encounter.StartedAt);
        Assert.Null(encounter.EndedAt);
    }

    [Fact]
    public void Encounter_Lifecycle_SetsTimesConsistently()
    {
        var planned = TestData.Encounter().Build();
        var finished = TestData.Encounter().Started(TestClock.Start.AddHours(1)).Finished().Build();
        var cancelled = TestData.Encounter().Started().Cancelled().Build();

        Assert.Equal((EncounterModality.Async, EncounterStatus.Planned), (planned.Modality, planned.Status));
        Assert.Null(planned.StartedAt);
        Assert.Equal(EncounterStatus.Finished, finished.Status);
        Assert.Equal(TestClock.Start.AddHours(1).AddMinutes(20), finished.EndedAt);
        Assert.Equal(TestClock.Start.AddMinutes(20), TestData.Encounter().Finished().Build().EndedAt);
        Assert.Equal((EncounterStatus.Cancelled, (DateTimeOffset?)null), (cancelled.Status, cancelled.StartedAt));
    }

    [Fact]
    public void WorkItem_Defaults_AreARoutineReadyReview()
    {
        var item = TestData.WorkItem().Build();

        Assert.Equal(WorkItemKind.ReviewIntake, item.Kind);
        Assert.Equal(WorkItemPriority.Routine, item.Priority);
        Assert.Equal(WorkItemStatus.Ready, item.Status);
        Assert.Equal(TestClock.Start, item.CreatedAt);
        Assert.Equal(TestClock.Start.AddDays(1), item.DueAt);
        Assert.Null(item.ClaimedBy);
        Assert.Null(item.RequiredJurisdiction);
        Assert.Equal("Review test intake", item.Title);
    }

    [Fact]
    public void WorkItem_Settings_AreApplied()
    {
        var careCase = TestData.CareCase().For(_patient).Build();

        var item = TestData.WorkItem()
            .In(careCase)
            .OfKind(WorkItemKind.SignNote)
            .WithPriority(WorkItemPriority.Stat)
            .CreatedAt(TestClock.Start.AddHours(-2))
            .RequiringLicenceIn("us-ca")
            .RequiringSpecialty("dermatology")
            .InPool("dermatology-team")
            .AssignedTo(_clinician)
            .ClaimedBy(_clinician)
            .Titled("Sign visit note")
            .Build();

        Assert.Equal((careCase.Id, _patient.Id, TestData.OtherTenantId), (item.CaseId!.Value, item.PatientId, item.TenantId));
        Assert.Equal(WorkItemKind.SignNote, item.Kind);
        Assert.Equal(WorkItemPriority.Stat, item.Priority);
        Assert.Equal(TestClock.Start.AddHours(22), item.DueAt);
        Assert.Equal("US-CA", item.RequiredJurisdiction?.Code);
        Assert.Equal("dermatology", item.RequiredSpecialty);
        Assert.Equal("dermatology-team", item.Pool);
        Assert.Equal(_clinician.Id, item.AssignedTo);
        Assert.Equal((WorkItemStatus.Claimed, _clinician.Id), (item.Status, item.ClaimedBy!.Value));
        Assert.Equal(TestClock.Start + WorkItemBuilder.DefaultLease, item.LeaseExpiresAt);
        Assert.Equal("Sign visit note", item.Title);
    }

    [Fact]
    public void WorkItem_BackToReady_ClearsTheClaim()
    {
        var item = TestData.WorkItem().ClaimedBy(_clinician, TestClock.Start.AddMinutes(1)).DueAt(TestClock.Start.AddHours(4)).WithStatus(WorkItemStatus.Ready).Build();

        Assert.Equal(WorkItemStatus.Ready, item.Status);
        Assert.Null(item.ClaimedBy);
        Assert.Null(item.LeaseExpiresAt);
        Assert.Equal(TestClock.Start.AddHours(4), item.DueAt);
        Assert.Equal(WorkItemStatus.Completed, TestData.WorkItem().WithStatus(WorkItemStatus.Completed).Build().Status);
    }
}
