using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Diagnostics;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>The engine on real storage. Each provider runs these through a subclass.</summary>
public abstract class CarePathEngineTests
{
    private protected abstract Task<CarePathsHarness> StartAsync();

    [SkippableFact]
    public async Task FireAsync_AsyncConsultToApproval_CommitsStateHistoryAuditOutboxAndWork()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, clinician);
        h.Consent.Grant(patient.Id);
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id);

        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        Assert.Equal(CareStates.Submitted, opened.State);
        Assert.Equal(1, opened.Version);

        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage)).Status);
        var accepted = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);
        Assert.Equal(CareStates.AwaitingReview, accepted.ToState);
        var work = Assert.Single(await h.WorkItemsAsync(opened.Id, WorkItemKind.ReviewIntake));
        Assert.Equal(WorkItemKind.ReviewIntake, work.Kind);
        Assert.Equal(WorkItemStatus.Ready, work.Status);
        Assert.Equal(CarePathsHarness.California, work.RequiredJurisdiction);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(24), work.DueAt);
        var queued = Assert.Single(await h.QueueItemsAsync(ReviewQueue.QueueName), q => q.Status == QueueItemStatus.Ready);
        Assert.Equal(work.Id.Value, queued.Id);
        var timer = Assert.Single(await h.QueueItemsAsync(CarePathEngine.TimerQueueName), t => t.MessageType == CareTriggers.ReviewOverdue.Name);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(24), timer.AvailableAt);

        var review = await h.Engine.FireAsync(doctor, opened.Id, CareTriggers.StartReview);
        Assert.Equal(FireStatus.Moved, review.Status);
        var approved = await h.Engine.FireAsync(doctor, opened.Id, CareTriggers.Approve, new ReviewDecision());

        Assert.Equal(FireStatus.Moved, approved.Status);
        Assert.Equal(CareStates.InReview, approved.FromState);
        Assert.Equal(CareStates.Approved, approved.ToState);
        Assert.Equal(4, approved.HistorySequence);
        Assert.Equal(5, approved.Case.Version);
        Assert.Equal(WorkItemStatus.Completed, Assert.Single(await h.WorkItemsAsync(opened.Id, WorkItemKind.ReviewIntake)).Status);
        Assert.Equal(WorkItemStatus.Ready, Assert.Single(await h.WorkItemsAsync(opened.Id, BuiltInCarePaths.CloseCaseWork)).Status);
        Assert.Equal(QueueItemStatus.Cancelled, (await h.QueueItemsAsync(ReviewQueue.QueueName)).Single(q => q.Id == work.Id.Value).Status);

        var history = await h.Engine.GetHistoryAsync(doctor, opened.Id);
        Assert.Equal(["open", "triage", "accept-for-review", "start-review", "approve"], history.Select(e => e.Trigger));
        Assert.Equal([0L, 1, 2, 3, 4], history.Select(e => e.Sequence));
        Assert.Equal(doctor.UserId, history[^1].ActorId);

        var audit = await h.AuditAsync();
        var transitions = audit.Where(r => r.Event.Detail?.StartsWith("transition:", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, transitions.Count);
        Assert.All(transitions, r => Assert.Equal(patient.Id, r.Event.PatientId));
        Assert.Contains(audit, r => r.Event.Detail == "transition:approve:in-review->approved" && r.Event.ActorId == doctor.UserId);

        var outbox = await h.QueueItemsAsync(OutboxMessage.QueueName);
        Assert.Equal(4, outbox.Count(m => m.MessageType == CarePathMessageTypes.CaseTransitioned));
        Assert.Single(outbox, m => m.MessageType == CarePathMessageTypes.CaseOpened);
        Assert.Single(outbox, m => m.MessageType == CarePathMessageTypes.CaseApproved);
        Assert.DoesNotContain(outbox, m => m.Payload!.Contains(patient.FamilyName, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task FireAsync_SameIdempotencyKeyTwice_MovesTheCaseOnce()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        var options = new FireOptions { IdempotencyKey = "triage-1" };

        var first = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage, options);
        var second = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage, options);

        Assert.False(first.IsReplay);
        Assert.True(second.IsReplay);
        Assert.Equal(FireStatus.Moved, second.Status);
        Assert.Equal(first.HistorySequence, second.HistorySequence);
        Assert.Equal(CareStates.Triage, second.ToState);
        Assert.Equal(2, second.Case.Version);
        Assert.Equal(2, (await h.Engine.GetHistoryAsync(h.System, opened.Id)).Count);
    }

    [SkippableFact]
    public async Task OpenCaseAsync_SameIdempotencyKeyTwice_OpensOneCase()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var request = new OpenCaseRequest(patient.Id, BuiltInCarePaths.HybridName) { IdempotencyKey = "intake-form-7" };

        var first = await h.Engine.OpenCaseAsync(h.System, request);
        var second = await h.Engine.OpenCaseAsync(h.System, request);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await h.Engine.GetHistoryAsync(h.System, first.Id));
    }

    [SkippableFact]
    public async Task FireAsync_TwoConcurrentTriggersOnOneCase_OneMovesOneConflicts()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var first = await h.AddPractitionerAsync();
        var second = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, first, second);
        h.Consent.Grant(patient.Id);
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);
        var auditBefore = (await h.AuditAsync()).Count;

        // Both commands have read the case (at the same version) before either commits: they meet in the consent check.
        using var bothRead = new Barrier(2);
        h.Consent.OnCheck = () => Task.Run(() => bothRead.SignalAndWait(TimeSpan.FromSeconds(30)));
        var outcomes = await Task.WhenAll(
            Task.Run(() => h.Engine.FireAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, first.Id), opened.Id, CareTriggers.StartReview)),
            Task.Run(() => h.Engine.FireAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, second.Id), opened.Id, CareTriggers.StartReview)));
        h.Consent.OnCheck = null;

        Assert.Single(outcomes, o => o.Status == FireStatus.Moved);
        var conflict = Assert.Single(outcomes, o => o.Status == FireStatus.Conflict);
        Assert.Equal(CareStates.AwaitingReview, conflict.ToState);
        var history = await h.Engine.GetHistoryAsync(h.System, opened.Id);
        Assert.Single(history, e => e.Trigger == CareTriggers.StartReview.Name);
        var audit = (await h.AuditAsync()).Skip(auditBefore).ToList();
        Assert.Single(audit, r => r.Event.Detail?.StartsWith("transition:start-review", StringComparison.Ordinal) == true);
        Assert.Single(audit, r => r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == RemedoraErrorCodes.ConcurrencyConflict);
        var stored = await h.FindAsync<CareCase>(opened.Id.ToString());
        Assert.Equal(CareStates.InReview, stored!.State);
    }

    [SkippableFact]
    public async Task FireAsync_StaleExpectedVersion_IsAConflictAndNothingMoves()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);

        var outcome = await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview, new FireOptions { ExpectedVersion = opened.Version });

        Assert.Equal(FireStatus.Conflict, outcome.Status);
        Assert.Equal(2, outcome.ConflictingVersion);
        Assert.Equal(CareStates.Triage, (await h.FindAsync<CareCase>(opened.Id.ToString()))!.State);
    }

    [SkippableFact]
    public async Task FireAsync_StartReviewWithoutConsent_IsNotPermittedAndAudited()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, clinician);
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);

        var outcome = await h.Engine.FireAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id), opened.Id, CareTriggers.StartReview);

        Assert.Equal(FireStatus.NotPermitted, outcome.Status);
        Assert.Equal(RefusalCodes.ConsentRequired, Assert.Single(outcome.Refusals).Code);
        Assert.Equal(1, h.Consent.Calls);
        Assert.Contains(await h.AuditAsync(), r => r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == "not-permitted:start-review:consent-required");
        Assert.Equal(CareStates.AwaitingReview, (await h.FindAsync<CareCase>(opened.Id.ToString()))!.State);
    }

    [SkippableFact]
    public async Task FireAsync_ClinicianWithoutRelationship_SeesNotFoundAndTheAttemptIsAudited()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var stranger = await h.AddPractitionerAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));

        await Assert.ThrowsAsync<RecordNotFoundException>(() => h.Engine.FireAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, stranger.Id), opened.Id, CareTriggers.Triage));

        Assert.Contains(await h.AuditAsync(), r => r.Event.Outcome == AuditOutcome.Denied && r.Event.ActorId == stranger.Id.ToString());
        Assert.Equal(CareStates.Submitted, (await h.FindAsync<CareCase>(opened.Id.ToString()))!.State);
    }

    [SkippableFact]
    public async Task RecordIntakeAsync_CriticalRedFlagOnHybrid_EscalatesIntoTheVisitOnce()
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.HybridName));
        var submitted = new IntakeSubmitted
        {
            TenantId = CarePathsHarness.Tenant,
            OccurredAt = h.Clock.GetUtcNow(),
            PatientId = patient.Id,
            CaseId = opened.Id,
            SubmissionId = "sub-1",
            FormUrl = "https://forms.example/phq9",
            FormVersion = "1",
            RedFlags = [new RedFlag("phq9-self-harm", RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0")],
        };

        var recorded = await h.Engine.RecordIntakeAsync(submitted);
        var again = await h.Engine.RecordIntakeAsync(submitted);

        Assert.True(recorded.Recorded);
        Assert.Equal(CareStates.Requested, recorded.Outcome!.ToState);
        Assert.False(again.Recorded);
        var view = await h.Engine.GetCaseAsync(h.System, opened.Id);
        Assert.Equal(CareStates.Requested, view.Case.State);
        Assert.True(view.Facts.HasCriticalRedFlag);
        Assert.Equal(WorkItemPriority.Stat, view.Facts.Priority);
        Assert.Equal(new EscalationRecord(EscalationReason.RedFlag, h.Clock.GetUtcNow(), "phq9-self-harm"), Assert.Single(view.Facts.Escalations));
        Assert.Equal(["sub-1"], view.Facts.IntakeSubmissionIds);
        var history = await h.Engine.GetHistoryAsync(h.System, opened.Id);
        Assert.Equal(["open", "escalate"], history.Select(e => e.Trigger));
        Assert.Equal("escalation:RedFlag", history[^1].Detail);
        var booking = Assert.Single(await h.WorkItemsAsync(opened.Id), w => w.Status == WorkItemStatus.Ready);
        Assert.Equal(BuiltInCarePaths.ScheduleVisitWork, booking.Kind);
        Assert.Equal(WorkItemPriority.Stat, booking.Priority);
    }

    [SkippableFact]
    public async Task FireAsync_RecordsTransitionMetricsByPathTriggerAndOutcome()
    {
        await using var h = await StartAsync();
        using var collector = new MetricCollector<long>(RemedoraTelemetry.Meter, CarePathsTelemetry.TransitionsName);
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.RefillName) { Refill = new RefillFacts("rx-1", h.Clock.GetUtcNow().AddDays(-10), 2, 0, false) });

        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.CheckEligibility);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.CheckEligibility);

        var mine = collector.GetMeasurementSnapshot().Where(m => (string?)m.Tags["remedora.care_path"] == BuiltInCarePaths.RefillName).ToList();
        Assert.Single(mine, m => (string?)m.Tags["remedora.outcome"] == "moved" && (string?)m.Tags["remedora.trigger"] == "check-eligibility");
        Assert.Single(mine, m => (string?)m.Tags["remedora.outcome"] == "not_permitted");
    }
}
