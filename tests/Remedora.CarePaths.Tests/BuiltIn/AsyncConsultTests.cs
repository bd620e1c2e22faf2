using Remedora.CarePaths;
using Remedora.Clinical;

namespace Remedora.CarePaths.Tests.BuiltIn;

public class AsyncConsultTests
{
    private static readonly CarePathDefinition Path = BuiltInCarePaths.AsyncConsult;

    [Fact]
    public void Approve_WithoutRedFlags_MovesToApproved()
    {
        var careCase = TestData.NewCase(Path, CareStates.InReview);
        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.Approve, new ReviewDecision(), TestData.Now));

        Assert.True(result.IsMoved, string.Join(", ", result.Refusals.Select(r => r.Code)));
        Assert.Equal(CareStates.Approved, result.Destination);
        Assert.Contains(result.Effects, e => e is CloseWorkItems { Status: WorkItemStatus.Completed });
        Assert.Contains(result.Effects, e => e is PublishMessage { MessageType: CarePathMessageTypes.CaseApproved });
    }

    [Fact]
    public void Approve_WithCriticalRedFlag_IsRefusedWithReason()
    {
        var careCase = TestData.NewCase(Path, CareStates.InReview);
        var facts = TestData.Facts(careCase) with { RedFlags = [new RedFlag("phq9-self-harm", RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0")] };

        var result = Path.Fire(new TransitionRequest(careCase, facts, TestData.Clinician(), CareTriggers.Approve, new ReviewDecision(), TestData.Now));

        Assert.False(result.IsMoved);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalCodes.CriticalRedFlag, refusal.Code);
        Assert.Equal("A red flag of the highest severity blocks asynchronous approval. Escalate the case to a live visit or decline it.", refusal.Message);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Approve_ControlledSubstance_EscalatesToLiveVisit()
    {
        var careCase = TestData.NewCase(Path, CareStates.InReview);
        var decision = new ReviewDecision(new PrescriptionRequest("1049221", IsControlledSubstance: true));

        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.Approve, decision, TestData.Now));

        Assert.True(result.IsMoved);
        Assert.Equal(CareStates.Escalated, result.Destination);
        var escalation = Assert.Single(result.Effects.OfType<RecordEscalation>());
        Assert.Equal(new RecordEscalation(EscalationReason.PrescriptionNeedsLiveVisit, "controlled-substance"), escalation);
        Assert.Contains(new SetPriority(WorkItemPriority.Urgent), result.Effects);
    }

    [Fact]
    public void StartReview_WithoutConsent_IsRefusedWithConsentReason()
    {
        var careCase = TestData.NewCase(Path, CareStates.AwaitingReview);
        Assert.Equal(ConsentKinds.Telehealth, Path.GetRequiredConsent(CareStates.AwaitingReview, CareTriggers.StartReview));

        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.StartReview, null, TestData.Now)
        {
            Consent = new ConsentCheckResult(false, null, "revoked"),
        });

        Assert.False(result.IsMoved);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalCodes.ConsentRequired, refusal.Code);
        Assert.Equal("Entering 'in-review' needs an active telehealth consent (revoked). Capture the patient's consent, then fire the trigger again.", refusal.Message);
    }

    [Fact]
    public void StartReview_WithActiveConsent_MovesToInReview()
    {
        var careCase = TestData.NewCase(Path, CareStates.AwaitingReview);
        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.StartReview, null, TestData.Now)
        {
            Consent = new ConsentCheckResult(true, "consent-1", null),
        });

        Assert.True(result.IsMoved);
        Assert.Equal(CareStates.InReview, result.Destination);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Approve_ByPatient_IsRefusedForRole()
    {
        var careCase = TestData.NewCase(Path, CareStates.InReview);
        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Patient(careCase.PatientId), CareTriggers.Approve, new ReviewDecision(), TestData.Now));

        Assert.False(result.IsMoved);
        Assert.Equal(RefusalCodes.RoleNotPermitted, Assert.Single(result.Refusals).Code);
    }

    [Fact]
    public void AcceptForReview_CreatesReviewWorkItemAndUrgentDeadline()
    {
        var careCase = TestData.NewCase(Path, CareStates.Triage);
        var facts = TestData.Facts(careCase) with { Priority = WorkItemPriority.Urgent };

        var result = Path.Fire(new TransitionRequest(careCase, facts, TestData.System(), CareTriggers.AcceptForReview, null, TestData.Now));

        Assert.Equal(CareStates.AwaitingReview, result.Destination);
        var work = Assert.Single(result.Effects.OfType<CreateWorkItem>());
        Assert.Equal(WorkItemKind.ReviewIntake, work.Kind);
        Assert.Null(work.Priority); // the engine gives it the case's priority (Urgent) when it applies the effect
        Assert.Equal(new StartTimer(CareTriggers.ReviewOverdue, TestData.Now.AddHours(4)), result.Effects[^1]);
    }

    [Fact]
    public void ReviewOverdue_ReentersWithRaisedPriorityAndNewWorkItem()
    {
        var careCase = TestData.NewCase(Path, CareStates.AwaitingReview);
        var result = Path.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.System(), CareTriggers.ReviewOverdue, null, TestData.Now));

        Assert.Equal(CareStates.AwaitingReview, result.Destination);
        Assert.Equal(
            [
                new CloseWorkItems(WorkItemKind.ReviewIntake, WorkItemStatus.Cancelled),
                new SetPriority(WorkItemPriority.Urgent),
            ],
            result.Effects.Take(2));
        Assert.Equal(new CreateWorkItem(WorkItemKind.ReviewIntake, "Review async consult"), result.Effects[^2]);
        Assert.Equal(new StartTimer(CareTriggers.ReviewOverdue, TestData.Now.AddHours(4)), result.Effects[^1]);
    }
}
