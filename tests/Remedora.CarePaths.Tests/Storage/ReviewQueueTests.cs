using Remedora.Access;
using Remedora.CarePaths;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>The review queue on real storage. Each provider runs these through a subclass.</summary>
public abstract class ReviewQueueTests
{
    private protected abstract Task<CarePathsHarness> StartAsync();

    [SkippableFact]
    public async Task ClaimNextAsync_SixteenClinicians_OneGetsTheItemAndIneligibleOnesNever()
    {
        await using var h = await StartAsync();
        var (caseId, _) = await AwaitingReviewAsync(h);
        var elsewhere = await h.AddPractitionerAsync(CarePathsHarness.NewYork);
        var expired = await h.AddPractitionerAsync(CarePathsHarness.California, new DateOnly(2025, 3, 9));
        var eligible = new List<Practitioner>();
        for (var i = 0; i < 16; i++)
        {
            eligible.Add(await h.AddPractitionerAsync());
        }

        Assert.Null(await h.Queue.ClaimNextAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, elsewhere.Id)));
        Assert.Null(await h.Queue.ClaimNextAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, expired.Id)));

        using var start = new Barrier(eligible.Count + 2);
        var claimers = eligible.Select(p => ActorContext.ForClinician(CarePathsHarness.Tenant, p.Id))
            .Append(ActorContext.ForClinician(CarePathsHarness.Tenant, elsewhere.Id))
            .Append(ActorContext.ForClinician(CarePathsHarness.Tenant, expired.Id))
            .Select(actor => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return (actor, h.Queue.ClaimNextAsync(actor).GetAwaiter().GetResult());
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToList();
        var results = await Task.WhenAll(claimers);

        var winner = Assert.Single(results, r => r.Item2 is not null);
        Assert.Contains(eligible, p => p.Id == winner.actor.PractitionerId);
        var item = Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake));
        Assert.Equal(WorkItemStatus.Claimed, item.Status);
        Assert.Equal(winner.actor.PractitionerId, item.ClaimedBy);
        Assert.Equal(winner.Item2!.Lease.ExpiresAt, item.LeaseExpiresAt);
    }

    [SkippableFact]
    public async Task ClaimNextAsync_HighestPriorityFirstThenOldestDue_AndRoutingBySpecialtyAndPool()
    {
        await using var h = await StartAsync();
        var clinician = await h.AddPractitionerAsync(specialties: ["Dermatology"]);
        var routine = await AwaitingReviewAsync(h);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var urgent = await AwaitingReviewAsync(h, WorkItemPriority.Urgent);
        var team = await AwaitingReviewAsync(h, careTeam: true);
        var actor = ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id);

        var first = await h.Queue.ClaimNextAsync(actor);
        var second = await h.Queue.ClaimNextAsync(actor);
        var third = await h.Queue.ClaimNextAsync(actor);

        Assert.Equal(urgent.CaseId, first!.Item.CaseId);
        Assert.Equal(routine.CaseId, second!.Item.CaseId);
        Assert.Null(third);

        await h.Queue.SetPoolsAsync(h.System, clinician.Id, [ReviewQueue.CareTeamPool(team.CareTeamId!.Value)]);
        var pooled = await h.Queue.ClaimNextAsync(actor);
        Assert.Equal(team.CaseId, pooled!.Item.CaseId);
    }

    [SkippableFact]
    public async Task Lease_RenewReleaseReassignAndComplete_KeepTheWorkItemInSync()
    {
        await using var h = await StartAsync();
        var (caseId, _) = await AwaitingReviewAsync(h);
        var first = await h.AddPractitionerAsync();
        var second = await h.AddPractitionerAsync();
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, first.Id);
        var other = ActorContext.ForClinician(CarePathsHarness.Tenant, second.Id);

        var claim = await h.Queue.ClaimNextAsync(doctor);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        var renewed = await h.Queue.RenewAsync(doctor, claim!);
        Assert.Equal(h.Clock.GetUtcNow().AddMinutes(15), renewed.Lease.ExpiresAt);
        Assert.Equal(renewed.Lease.ExpiresAt, renewed.Item.LeaseExpiresAt);

        var released = await h.Queue.ReleaseAsync(doctor, renewed);
        Assert.Equal(WorkItemStatus.Ready, released.Status);
        Assert.Null(released.ClaimedBy);

        var reassigned = await h.Queue.ReassignAsync(h.System, released.Id, second.Id);
        Assert.Equal(second.Id, reassigned.AssignedTo);
        Assert.Null(await h.Queue.ClaimNextAsync(doctor));
        var secondClaim = await h.Queue.ClaimNextAsync(other);
        Assert.Equal(released.Id, secondClaim!.Item.Id);
        Assert.Single(await h.Queue.GetMyItemsAsync(other));

        var completed = await h.Queue.CompleteAsync(other, secondClaim);
        Assert.Equal(WorkItemStatus.Completed, completed.Status);
        Assert.Equal(QueueItemStatus.Completed, (await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, completed.Id.Value))!.Status);
        Assert.Empty(await h.Queue.GetMyItemsAsync(other));
        Assert.Equal(WorkItemStatus.Completed, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)).Status);
    }

    [SkippableFact]
    public async Task ExpiredLease_ReturnsTheItemToOthersAndTheHolderLosesAccess()
    {
        await using var h = await StartAsync();
        var (caseId, patientId) = await AwaitingReviewAsync(h);
        h.Consent.Grant(patientId);
        var first = ActorContext.ForClinician(CarePathsHarness.Tenant, (await h.AddPractitionerAsync()).Id);
        var second = ActorContext.ForClinician(CarePathsHarness.Tenant, (await h.AddPractitionerAsync()).Id);

        var claim = await h.Queue.ClaimNextAsync(first);
        Assert.NotNull(claim);
        Assert.Null(await h.Queue.ClaimNextAsync(second));
        h.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(1, await h.Queue.ReturnExpiredAsync());
        Assert.Equal(WorkItemStatus.Ready, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)).Status);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Engine.FireAsync(first, caseId, CareTriggers.StartReview));
        var taken = await h.Queue.ClaimNextAsync(second);
        Assert.Equal(claim!.Item.Id, taken!.Item.Id);
        await Assert.ThrowsAsync<LeaseLostException>(() => h.Queue.RenewAsync(first, claim));

        // Holding the item is the relationship that lets the second clinician review the case.
        var review = await h.Engine.FireAsync(second, caseId, CareTriggers.StartReview);
        Assert.Equal(FireStatus.Moved, review.Status);
    }

    [SkippableFact]
    public async Task Views_CountByStatusPriorityAndOverdue_ListDueSoonAndCasesByState()
    {
        await using var h = await StartAsync();
        await AwaitingReviewAsync(h);
        var urgent = await AwaitingReviewAsync(h, WorkItemPriority.Urgent);
        var clinician = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(urgent.PatientId, clinician);
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id);
        await h.Queue.ClaimNextAsync(doctor);
        h.Clock.Advance(TimeSpan.FromHours(3));

        var overview = await h.Queue.GetOverviewAsync(doctor);
        Assert.Equal(1, overview.ByStatus[WorkItemStatus.Ready]);
        Assert.Equal(1, overview.ByStatus[WorkItemStatus.Claimed]);
        Assert.Equal(1, overview.ByPriority[WorkItemPriority.Urgent]);
        Assert.Equal(1, overview.ByPriority[WorkItemPriority.Routine]);
        Assert.Equal(0, overview.Overdue);
        Assert.Equal(1, overview.DueSoon);
        h.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await h.Queue.GetOverviewAsync(doctor)).Overdue);

        var dueSoon = await h.Queue.GetDueSoonAsync(doctor, TimeSpan.FromDays(2));
        Assert.Equal(urgent.CaseId, Assert.Single(dueSoon).CaseId);
        var everything = await h.Queue.GetDueSoonAsync(h.System, TimeSpan.FromDays(2));
        Assert.Equal(2, everything.Count);
        Assert.True(everything[0].DueAt <= everything[1].DueAt);

        var byState = await h.Queue.CountCasesByStateAsync(doctor, BuiltInCarePaths.AsyncConsult);
        Assert.Equal(2, byState[CareStates.AwaitingReview]);
        Assert.Equal(0, byState[CareStates.Submitted]);
    }

    [SkippableFact]
    public async Task Views_TenantWideCounts_AreRefusedToPatientsAndTheAttemptIsAudited()
    {
        await using var h = await StartAsync();
        var (_, patientId) = await AwaitingReviewAsync(h);
        var patient = ActorContext.ForPatient(CarePathsHarness.Tenant, patientId);

        var overview = await Assert.ThrowsAsync<AccessDeniedException>(() => h.Queue.GetOverviewAsync(patient));
        var byState = await Assert.ThrowsAsync<AccessDeniedException>(() => h.Queue.CountCasesByStateAsync(patient, BuiltInCarePaths.AsyncConsult));

        Assert.Equal((ResourceTypes.WorkItem, ActorRole.Patient), (overview.ResourceType, overview.Role));
        Assert.Equal((ResourceTypes.CareCase, ActorRole.Patient), (byState.ResourceType, byState.Role));
        var denied = (await h.AuditAsync()).Where(r => r.Event.Outcome == AuditOutcome.Denied && r.Event.ActorId == patient.UserId).ToList();
        Assert.Equal([ResourceTypes.WorkItem, ResourceTypes.CareCase], denied.Select(r => r.Event.ResourceType));
        Assert.All(denied, r => Assert.Equal("denied:ActionNotPermitted", r.Event.Detail));
    }

    [SkippableFact]
    public async Task Approve_ByTheClinicianWhoHeldTheWork_CloseWorksWithinTheWindowOnly()
    {
        await using var h = await StartAsync();
        var (caseId, patientId) = await AwaitingReviewAsync(h);
        h.Consent.Grant(patientId);
        var reviewer = ActorContext.ForClinician(CarePathsHarness.Tenant, (await h.AddPractitionerAsync()).Id);
        var offTeam = ActorContext.ForClinician(CarePathsHarness.Tenant, (await h.AddPractitionerAsync()).Id);
        Assert.NotNull(await h.Queue.ClaimNextAsync(reviewer));
        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(reviewer, caseId, CareTriggers.StartReview)).Status);

        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(reviewer, caseId, CareTriggers.Approve, new ReviewDecision())).Status);

        var item = Assert.Single(await h.WorkItemsAsync(caseId), w => w.Kind == WorkItemKind.ReviewIntake);
        Assert.Equal((WorkItemStatus.Completed, reviewer.PractitionerId, (DateTimeOffset?)h.Clock.GetUtcNow()), (item.Status, item.CompletedBy, item.CompletedAt));

        // The reviewer holds no work item any more, yet can finish the case for the window.
        var window = new RemedoraOptions().CompletedWorkAccessWindow;
        h.Clock.Advance(window - TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Engine.FireAsync(offTeam, caseId, CareTriggers.Close));
        var closed = await h.Engine.FireAsync(reviewer, caseId, CareTriggers.Close);
        Assert.Equal(FireStatus.Moved, closed.Status);
        Assert.Equal(CareStates.Closed, closed.Case.State);
        var allowed = (await h.AuditAsync()).Where(r => r.Event.ActorId == reviewer.UserId && r.Event.ResourceType == ResourceTypes.CareCase && r.Event.Outcome == AuditOutcome.Success).ToList();
        Assert.Contains(allowed, r => r.Event.Detail == "basis:RecentlyCompletedWork");
        var refused = (await h.AuditAsync()).Where(r => r.Event.ActorId == offTeam.UserId).ToList();
        Assert.Contains(refused, r => r.Event.Outcome == AuditOutcome.Denied && r.Event.Detail == "denied:NoRelationship");

        // Closing completed the case's close-case work too (the path waits on it once approved), so the window now runs
        // from the close; after it the reviewer is an outsider again.
        Assert.Contains(await h.WorkItemsAsync(caseId), w => w.Status == WorkItemStatus.Completed && w.CompletedBy == reviewer.PractitionerId && w.CompletedAt == h.Clock.GetUtcNow());
        h.Clock.Advance(window + TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Engine.GetCaseAsync(reviewer, caseId));
    }

    [SkippableFact]
    public async Task ClaimNextAsync_ActorNotAnActiveMemberOrNotAPractitioner_GetsNoWorkAndIsAudited()
    {
        await using var h = await StartAsync();
        await AwaitingReviewAsync(h);
        var inactive = await h.InsertAsync((await h.AddPractitionerAsync()) with { Version = 0, Id = Id<Practitioner>.New(), Active = false });
        var strangers = new[]
        {
            ActorContext.ForClinician(CarePathsHarness.Tenant, Id<Practitioner>.New()),
            ActorContext.ForClinician(CarePathsHarness.Tenant, inactive.Id),
        };

        var before = (await h.QueueItemsAsync(ReviewQueue.QueueName)).Select(q => (q.Id, q.Status)).ToList();
        foreach (var stranger in strangers)
        {
            Assert.Null(await h.Queue.ClaimNextAsync(stranger));
        }

        var patient = ActorContext.ForPatient(CarePathsHarness.Tenant, (await h.AddPatientAsync()).Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Queue.ClaimNextAsync(patient));

        var audit = await h.AuditAsync();
        foreach (var actor in strangers)
        {
            Assert.Contains(audit, r => r.Event.ActorId == actor.UserId && r.Event.Outcome == AuditOutcome.Denied && r.Event.Detail == "denied:NotTenantMember");
        }

        Assert.Contains(audit, r => r.Event.ActorId == patient.UserId && r.Event.Outcome == AuditOutcome.Denied && r.Event.Detail == "denied:ActionNotPermitted");
        Assert.Equal(before, (await h.QueueItemsAsync(ReviewQueue.QueueName)).Select(q => (q.Id, q.Status)).ToList());
        Assert.Contains(before, q => q.Status == QueueItemStatus.Ready);
    }

    [SkippableFact]
    public async Task CompleteAsync_ByTheHolder_RecordsWhoAndWhen()
    {
        await using var h = await StartAsync();
        var (caseId, _) = await AwaitingReviewAsync(h);
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, (await h.AddPractitionerAsync()).Id);
        var claim = await h.Queue.ClaimNextAsync(doctor);
        h.Clock.Advance(TimeSpan.FromMinutes(3));

        var completed = await h.Queue.CompleteAsync(doctor, claim!);

        Assert.Equal((doctor.PractitionerId, (DateTimeOffset?)h.Clock.GetUtcNow()), (completed.CompletedBy, completed.CompletedAt));
        var stored = Assert.Single(await h.WorkItemsAsync(caseId), w => w.Id == completed.Id);
        Assert.Equal((doctor.PractitionerId, completed.CompletedAt), (stored.CompletedBy, stored.CompletedAt));
    }

    private static async Task<(Id<CareCase> CaseId, Id<Patient> PatientId)> AwaitingReviewAsync(CarePathsHarness h)
    {
        var result = await AwaitingReviewAsync(h, WorkItemPriority.Routine);
        return (result.CaseId, result.PatientId);
    }

    private static async Task<(Id<CareCase> CaseId, Id<Patient> PatientId, Id<CareTeam>? CareTeamId)> AwaitingReviewAsync(CarePathsHarness h, WorkItemPriority priority = WorkItemPriority.Routine, bool careTeam = false)
    {
        var patient = await h.AddPatientAsync();
        Id<CareTeam>? team = careTeam ? (await h.AddCareTeamAsync(patient.Id)).Id : null;
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName) { Priority = priority, CareTeamId = team });
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);
        return (opened.Id, patient.Id, team);
    }
}
