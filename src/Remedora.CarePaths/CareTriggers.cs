namespace Remedora.CarePaths;

/// <summary>The triggers of the built-in paths. Custom paths may use them too.</summary>
public static class CareTriggers
{
    /// <summary>Starts triage of a submitted case.</summary>
    public static PathTrigger Triage { get; } = PathTrigger.Create("triage", ActorRole.CareCoordinator, ActorRole.Clinician);

    /// <summary>Sends a triaged case to the review queue (also the triage deadline's timeout).</summary>
    public static PathTrigger AcceptForReview { get; } = PathTrigger.Create("accept-for-review", ActorRole.CareCoordinator, ActorRole.Clinician);

    /// <summary>A clinician starts reviewing a case (needs active telehealth consent).</summary>
    public static PathTrigger StartReview { get; } = PathTrigger.Create("start-review", ActorRole.Clinician);

    /// <summary>A clinician approves; a prescription that needs a live visit escalates instead, and a critical red flag blocks it.</summary>
    public static PathTrigger<ReviewDecision> Approve { get; } = PathTrigger.Create<ReviewDecision>("approve", ActorRole.Clinician);

    /// <summary>A clinician declines.</summary>
    public static PathTrigger<DeclineDecision> Decline { get; } = PathTrigger.Create<DeclineDecision>("decline", ActorRole.Clinician);

    /// <summary>A clinician asks the patient for more information.</summary>
    public static PathTrigger<InformationRequest> RequestInformation { get; } = PathTrigger.Create<InformationRequest>("request-information", ActorRole.Clinician);

    /// <summary>The patient answers; the case goes back to the review queue.</summary>
    public static PathTrigger ProvideInformation { get; } = PathTrigger.Create("provide-information", ActorRole.Patient);

    /// <summary>Escalates to a live visit: a red flag, a prescription that needs it, a clinician's decision or the patient's request.</summary>
    public static PathTrigger<EscalationRequest> Escalate { get; } = PathTrigger.Create<EscalationRequest>("escalate", ActorRole.Clinician, ActorRole.CareCoordinator, ActorRole.Patient);

    /// <summary>The review deadline passed: the review goes back to the queue at a higher priority (timeout).</summary>
    public static PathTrigger ReviewOverdue { get; } = PathTrigger.Create("review-overdue", ActorRole.System);

    /// <summary>The patient did not answer in time (timeout).</summary>
    public static PathTrigger InformationTimeout { get; } = PathTrigger.Create("information-timeout", ActorRole.System);

    /// <summary>Closes a case.</summary>
    public static PathTrigger Close { get; } = PathTrigger.Create("close", ActorRole.Clinician, ActorRole.CareCoordinator);

    /// <summary>Books (or rebooks) a live visit.</summary>
    public static PathTrigger<VisitBooking> Schedule { get; } = PathTrigger.Create<VisitBooking>("schedule", ActorRole.CareCoordinator, ActorRole.Clinician, ActorRole.Patient);

    /// <summary>The patient checks in for the visit.</summary>
    public static PathTrigger CheckIn { get; } = PathTrigger.Create("check-in", ActorRole.Patient, ActorRole.CareCoordinator, ActorRole.Clinician);

    /// <summary>The clinician starts the visit (needs active telehealth consent).</summary>
    public static PathTrigger StartVisit { get; } = PathTrigger.Create("start-visit", ActorRole.Clinician);

    /// <summary>The clinician ends the visit.</summary>
    public static PathTrigger CompleteVisit { get; } = PathTrigger.Create("complete-visit", ActorRole.Clinician);

    /// <summary>The clinician signs the visit note.</summary>
    public static PathTrigger SignDocumentation { get; } = PathTrigger.Create("sign-documentation", ActorRole.Clinician);

    /// <summary>The patient did not attend.</summary>
    public static PathTrigger MarkNoShow { get; } = PathTrigger.Create("mark-no-show", ActorRole.Clinician, ActorRole.CareCoordinator);

    /// <summary>Cancels the visit.</summary>
    public static PathTrigger<CancellationRequest> Cancel { get; } = PathTrigger.Create<CancellationRequest>("cancel", ActorRole.Patient, ActorRole.CareCoordinator, ActorRole.Clinician);

    /// <summary>The visit was not booked in time (timeout).</summary>
    public static PathTrigger SchedulingOverdue { get; } = PathTrigger.Create("scheduling-overdue", ActorRole.System);

    /// <summary>The visit note was not signed in time (timeout).</summary>
    public static PathTrigger DocumentationOverdue { get; } = PathTrigger.Create("documentation-overdue", ActorRole.System);

    /// <summary>The clinician decides to prescribe.</summary>
    public static PathTrigger<PrescriptionOrder> Prescribe { get; } = PathTrigger.Create<PrescriptionOrder>("prescribe", ActorRole.Clinician);

    /// <summary>The clinician decides on a follow-up without a prescription.</summary>
    public static PathTrigger ScheduleFollowUp { get; } = PathTrigger.Create("schedule-follow-up", ActorRole.Clinician, ActorRole.CareCoordinator);

    /// <summary>The prescription reached the pharmacy.</summary>
    public static PathTrigger PrescriptionSent { get; } = PathTrigger.Create("prescription-sent", ActorRole.Clinician, ActorRole.Pharmacist);

    /// <summary>The prescription was dispensed or delivered.</summary>
    public static PathTrigger Fulfilled { get; } = PathTrigger.Create("fulfilled", ActorRole.Pharmacist, ActorRole.CareCoordinator);

    /// <summary>The fulfillment failed; someone must fix it.</summary>
    public static PathTrigger<FulfillmentFailure> FulfillmentFailed { get; } = PathTrigger.Create<FulfillmentFailure>("fulfillment-failed", ActorRole.Pharmacist, ActorRole.CareCoordinator);

    /// <summary>Checks a refill request against the last approval.</summary>
    public static PathTrigger CheckEligibility { get; } = PathTrigger.Create("check-eligibility", ActorRole.CareCoordinator, ActorRole.Clinician, ActorRole.Patient);
}
