using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Remedora.CarePaths;
using Remedora.Access;
using Remedora.Clinical;
using Remedora.Diagnostics;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>
/// Commands that name another record (a case, a care team, a work item, a practitioner, an idempotency key) accept it
/// only when it is the same patient's, in the actor's tenant and scope; anything else behaves exactly like an id that
/// does not exist, changes nothing and is audited. Each provider runs these through a subclass.
/// </summary>
public abstract class CrossReferenceTests
{
    private static readonly TenantId OtherTenant = TenantId.Parse("other-clinic");

    private protected abstract Task<CarePathsHarness> StartAsync();

    [SkippableFact]
    public async Task RecordIntakeAsync_CaseOfAnotherPatient_NeverEscalatesItAndIsAuditedAndCounted()
    {
        await using var h = await StartAsync();
        using var rejected = new MetricCollector<long>(RemedoraTelemetry.Meter, CarePathsTelemetry.IntakeRejectedName);
        var attacker = await h.AddPatientAsync();
        var victim = await h.AddPatientAsync();
        var victimCase = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(victim.Id, BuiltInCarePaths.AsyncConsultName));
        var before = await SnapshotAsync(h, victimCase.Id);

        var recorded = await h.Engine.RecordIntakeAsync(WaitingWorkTests.RedFlagSubmission(h, attacker.Id, victimCase.Id));

        Assert.False(recorded.Recorded);
        Assert.Null(recorded.Outcome);
        Assert.Equal(before, await SnapshotAsync(h, victimCase.Id));
        var denied = Assert.Single(await h.AuditAsync(), r => r.Event.Outcome == AuditOutcome.Denied);
        Assert.Equal((ResourceTypes.CareCase, victimCase.Id.ToString(), (Id<Patient>?)victim.Id), (denied.Event.ResourceType, denied.Event.ResourceId, denied.Event.PatientId));
        Assert.Equal(1, rejected.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [SkippableFact]
    public async Task IntakeSubmittedHandler_DeliveryForAnotherPatientsCaseOrTenant_ChangesNothing()
    {
        await using var h = await StartAsync();
        var attacker = await h.AddPatientAsync();
        var victim = await h.AddPatientAsync();
        var victimCase = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(victim.Id, BuiltInCarePaths.HybridName));
        var before = await SnapshotAsync(h, victimCase.Id);
        var handler = new IntakeSubmittedHandler(h.Engine);

        // Someone else's case in the same tenant, and the right patient but a message published by another tenant.
        await handler.HandleAsync(Envelope(CarePathsHarness.Tenant, WaitingWorkTests.RedFlagSubmission(h, attacker.Id, victimCase.Id, "sub-a")), CancellationToken.None);
        await handler.HandleAsync(Envelope(OtherTenant, WaitingWorkTests.RedFlagSubmission(h, victim.Id, victimCase.Id, "sub-b")), CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(h, victimCase.Id));
        Assert.Single(await h.AuditAsync(), r => r.Event.Outcome == AuditOutcome.Denied && r.Event.ResourceId == victimCase.Id.ToString());

        // The genuine delivery still escalates.
        await handler.HandleAsync(Envelope(CarePathsHarness.Tenant, WaitingWorkTests.RedFlagSubmission(h, victim.Id, victimCase.Id, "sub-c")), CancellationToken.None);
        Assert.Equal(CareStates.Requested, (await h.FindAsync<CareCase>(victimCase.Id.ToString()))!.State);
    }

    [SkippableFact]
    public async Task OpenCaseAsync_AnotherPatientsIdempotencyKey_OpensTheirOwnNewCase()
    {
        await using var h = await StartAsync();
        var first = await h.AddPatientAsync();
        var second = await h.AddPatientAsync();
        var coordinator = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(first.Id, coordinator);
        await h.AddCareTeamAsync(second.Id, coordinator);

        var mine = await h.Engine.OpenCaseAsync(ActorContext.ForPatient(CarePathsHarness.Tenant, first.Id), new OpenCaseRequest(first.Id, BuiltInCarePaths.AsyncConsultName) { IdempotencyKey = "k-1" });
        var theirs = await h.Engine.OpenCaseAsync(ActorContext.ForPatient(CarePathsHarness.Tenant, second.Id), new OpenCaseRequest(second.Id, BuiltInCarePaths.HybridName) { IdempotencyKey = "k-1" });
        var systemFirst = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(first.Id, BuiltInCarePaths.AsyncConsultName) { IdempotencyKey = "k-1" });
        var systemSecond = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(second.Id, BuiltInCarePaths.HybridName) { IdempotencyKey = "k-1" });
        var retry = await h.Engine.OpenCaseAsync(ActorContext.ForPatient(CarePathsHarness.Tenant, first.Id), new OpenCaseRequest(first.Id, BuiltInCarePaths.AsyncConsultName) { IdempotencyKey = "k-1" });

        Assert.Equal(4, new[] { mine.Id, theirs.Id, systemFirst.Id, systemSecond.Id }.Distinct().Count());
        Assert.Equal((first.Id, second.Id), (mine.PatientId, theirs.PatientId));
        Assert.Equal(mine.Id, retry.Id);
        Assert.Equal(BuiltInCarePaths.HybridName, theirs.PathName);
    }

    [SkippableFact]
    public async Task FireAsync_AnotherActorsIdempotencyKey_IsAFreshCommandNotAReplay()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var coordinator = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, coordinator);
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        var options = new FireOptions { IdempotencyKey = "step-1" };

        var first = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage, options);
        var other = await h.Engine.FireAsync(ActorContext.ForCareCoordinator(CarePathsHarness.Tenant, coordinator.Id), opened.Id, CareTriggers.AcceptForReview, options);
        var retry = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage, options);

        Assert.False(other.IsReplay);
        Assert.Equal((FireStatus.Moved, CareStates.AwaitingReview), (other.Status, other.ToState));
        Assert.True(retry.IsReplay);
        Assert.Equal(first.HistorySequence, retry.HistorySequence);
        Assert.Equal(["open", "triage", "accept-for-review"], (await h.Engine.GetHistoryAsync(h.System, opened.Id)).Select(e => e.Trigger));
    }

    [SkippableFact]
    public async Task OpenCaseAsync_SameKeyOnAnotherPath_FailsWithoutNamingTheCase()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName) { IdempotencyKey = "k-2" });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.HybridName) { IdempotencyKey = "k-2" }));

        Assert.DoesNotContain(opened.Id.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("k-2", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task OpenCaseAsync_CareTeamOfAnotherPatientOrTenant_IsNotFoundLikeARandomIdAndOpensNothing()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var other = await h.AddPatientAsync();
        var othersTeam = await h.AddCareTeamAsync(other.Id);
        var foreignTeam = new CareTeam { Id = Id<CareTeam>.New(), TenantId = OtherTenant, PatientId = patient.Id, Members = [] };
        await using (var session = h.Sessions.OpenSession(OtherTenant))
        {
            session.Insert(foreignTeam);
            await session.CommitAsync();
        }

        var random = Id<CareTeam>.New();
        var messages = new List<string>();
        foreach (var teamId in new[] { othersTeam.Id, foreignTeam.Id, random })
        {
            var ex = await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName) { CareTeamId = teamId }));
            Assert.Equal((ResourceTypes.CareTeam, teamId.ToString()), (ex.ResourceType, ex.ResourceId));
            messages.Add(ex.Message.Replace(teamId.ToString(), "<id>", StringComparison.Ordinal));
        }

        Assert.Single(messages.Distinct());
        await using var check = h.Sessions.OpenSession(CarePathsHarness.Tenant);
        Assert.Equal(0, await check.CountAsync(DocumentQuery<CareCase>.All));
        var denied = (await h.AuditAsync()).Where(r => r.Event.Outcome == AuditOutcome.Denied).ToList();
        Assert.Equal([othersTeam.Id.ToString(), foreignTeam.Id.ToString(), random.ToString()], denied.Select(r => r.Event.ResourceId));
        Assert.All(denied, r => Assert.Equal(ResourceTypes.CareTeam, r.Event.ResourceType));
    }

    [SkippableFact]
    public async Task OpenCaseAsync_CareTeamOfTheSamePatient_RoutesTheWorkToIt()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var team = await h.AddCareTeamAsync(patient.Id);

        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName) { CareTeamId = team.Id });
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);

        Assert.Equal(ReviewQueue.CareTeamPool(team.Id), Assert.Single(await h.WorkItemsAsync(opened.Id)).Pool);
    }

    [SkippableFact]
    public async Task CompleteAsync_OwnLeaseWithAnotherPatientsItem_IsNotFoundAndChangesNothing()
    {
        await using var h = await StartAsync();
        var (mineCase, minePatient) = await AwaitingReviewAsync(h);
        var (victimCase, _) = await AwaitingReviewAsync(h, careTeam: true);
        var practitioner = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(minePatient, practitioner);
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, practitioner.Id);
        var claim = await h.Queue.ClaimNextAsync(doctor);
        Assert.Equal(mineCase, claim!.Item.CaseId);
        var victimItem = Assert.Single(await h.WorkItemsAsync(victimCase, WorkItemKind.ReviewIntake));
        var forged = claim with { Item = victimItem };

        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.CompleteAsync(doctor, forged));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.RenewAsync(doctor, forged));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.ReleaseAsync(doctor, forged));

        Assert.Equal(victimItem, Assert.Single(await h.WorkItemsAsync(victimCase, WorkItemKind.ReviewIntake)));
        Assert.Equal(WorkItemStatus.Claimed, Assert.Single(await h.WorkItemsAsync(mineCase, WorkItemKind.ReviewIntake)).Status);
        Assert.Equal(3, (await h.AuditAsync()).Count(r => r.Event.Outcome == AuditOutcome.Denied && r.Event.ResourceId == victimItem.Id.ToString()));
        Assert.Equal(WorkItemStatus.Completed, (await h.Queue.CompleteAsync(doctor, claim)).Status);
    }

    [SkippableFact]
    public async Task ReassignAsync_UnknownItemOrAssigneeOfAnotherTenant_IsNotFoundAuditedAndChangesNothing()
    {
        await using var h = await StartAsync();
        var (caseId, _) = await AwaitingReviewAsync(h);
        var item = Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake));
        var foreign = new Practitioner { Id = Id<Practitioner>.New(), TenantId = OtherTenant, DisplayName = "Elsewhere", Licences = [] };
        await using (var session = h.Sessions.OpenSession(OtherTenant))
        {
            session.Insert(foreign);
            await session.CommitAsync();
        }

        var randomItem = Id<WorkItem>.New();
        var missing = await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.ReassignAsync(h.System, randomItem, null));
        Assert.Equal((ResourceTypes.WorkItem, randomItem.ToString()), (missing.ResourceType, missing.ResourceId));
        foreach (var assignee in new[] { foreign.Id, Id<Practitioner>.New() })
        {
            var ex = await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.ReassignAsync(h.System, item.Id, assignee));
            Assert.Equal((ResourceTypes.Practitioner, assignee.ToString()), (ex.ResourceType, ex.ResourceId));
            var poolsEx = await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Queue.SetPoolsAsync(h.System, assignee, ["anything"]));
            Assert.Equal(ex.Message, poolsEx.Message);
        }

        Assert.Equal(item, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)));
        Assert.Null(await h.FindAsync<ClinicianPools>(foreign.Id.ToString()));
        var denied = (await h.AuditAsync()).Where(r => r.Event.Outcome == AuditOutcome.Denied).Select(r => r.Event.ResourceId).ToList();
        Assert.Contains(randomItem.ToString(), denied);
        Assert.Equal(4, denied.Count(id => id != randomItem.ToString()));
    }

    [SkippableFact]
    public async Task SlaSweep_TimerWhoseSubjectIsNotTheCasesPatient_IsSpentWithoutMovingTheCase()
    {
        await using var h = await StartAsync();
        var (caseId, _) = await AwaitingReviewAsync(h);
        var other = await h.AddPatientAsync();
        var now = h.Clock.GetUtcNow();
        var forged = new QueueItem
        {
            Id = Guid.CreateVersion7(now),
            TenantId = CarePathsHarness.Tenant,
            Queue = CarePathEngine.TimerQueueName,
            DueAt = now,
            AvailableAt = now,
            SubjectId = other.Id.ToString(),
            Reference = caseId.ToString(),
            MessageType = CareTriggers.ReviewOverdue.Name,
            Payload = JsonSerializer.Serialize(new { caseId = caseId.Value, pathName = BuiltInCarePaths.AsyncConsultName, state = CareStates.AwaitingReview, sequence = 2L, trigger = CareTriggers.ReviewOverdue.Name, deadline = now }),
            IdempotencyKey = "forged-timer",
        };
        await using (var session = h.Sessions.OpenSession(CarePathsHarness.Tenant))
        {
            session.Enqueue(forged);
            await session.CommitAsync();
        }

        var result = await h.Services.GetRequiredService<SlaSweeper>().SweepAsync();

        Assert.Equal((1, 0), (result.Claimed, result.Fired));
        Assert.DoesNotContain(await h.Engine.GetHistoryAsync(h.System, caseId), e => e.Trigger == CareTriggers.ReviewOverdue.Name);
        Assert.Equal(QueueItemStatus.Completed, (await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, forged.Id))!.Status);
        Assert.Equal(WorkItemPriority.Routine, (await h.Engine.GetCaseAsync(h.System, caseId)).Facts.Priority);
    }

    private static OutboxEnvelope Envelope(TenantId tenant, IntakeSubmitted submission)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        return new OutboxEnvelope(Guid.NewGuid(), tenant, IntakeSubmitted.MessageType, JsonSerializer.Serialize(submission with { TenantId = submission.TenantId }, options), submission.SubmissionId, 1, submission.OccurredAt);
    }

    private static async Task<string> SnapshotAsync(CarePathsHarness h, Id<CareCase> caseId)
    {
        var careCase = await h.FindAsync<CareCase>(caseId.ToString());
        var facts = await h.FindAsync<CaseFacts>(caseId.ToString());
        var work = await h.WorkItemsAsync(caseId);
        await using var session = h.Sessions.OpenSession(CarePathsHarness.Tenant);
        var history = await session.CountAsync(DocumentQuery<CaseHistoryEntry>.All.Where("case", caseId));
        return $"{careCase} | {facts?.Priority} {facts?.RedFlags.Count} {facts?.Version} | {work.Count} | {history}";
    }

    private static async Task<(Id<CareCase> CaseId, Id<Patient> PatientId)> AwaitingReviewAsync(CarePathsHarness h, bool careTeam = false)
    {
        var patient = await h.AddPatientAsync();
        Id<CareTeam>? team = careTeam ? (await h.AddCareTeamAsync(patient.Id)).Id : null;
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName) { CareTeamId = team });
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);
        return (opened.Id, patient.Id);
    }
}
