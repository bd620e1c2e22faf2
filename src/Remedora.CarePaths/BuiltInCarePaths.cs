using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>
/// The built-in care paths: the asynchronous consult, the synchronous visit, the hybrid path between them and the
/// refill. Each is an ordinary <see cref="CarePathDefinition"/>; extend one with <see cref="CarePathBuilder.Extend"/>.
/// </summary>
public static class BuiltInCarePaths
{
    /// <summary>The name of the asynchronous consult path.</summary>
    public const string AsyncConsultName = "async-consult";

    /// <summary>The name of the synchronous visit path.</summary>
    public const string SyncVisitName = "sync-visit";

    /// <summary>The name of the hybrid path.</summary>
    public const string HybridName = "hybrid-consult";

    /// <summary>The name of the refill path.</summary>
    public const string RefillName = "refill";

    /// <summary>The key of the <see cref="CaseFacts.Values"/> entry that holds the practitioner who conducted the live visit.</summary>
    public const string VisitClinicianKey = "visit-clinician";

    /// <summary>The work item kind "book a live visit".</summary>
    public static WorkItemKind ScheduleVisitWork { get; } = new("schedule-visit");

    /// <summary>The work item kind "follow up with the patient".</summary>
    public static WorkItemKind FollowUpWork { get; } = new("follow-up");

    /// <summary>The work item kind "review a refill request".</summary>
    public static WorkItemKind ReviewRefillWork { get; } = new("review-refill");

    /// <summary>The work item kind "triage a submitted case" (care coordinators or clinicians; no licence needed).</summary>
    public static WorkItemKind TriageWork { get; } = new("triage");

    /// <summary>The work item kind "arrange the live visit of an escalated case" (a clinician licensed in the patient's jurisdiction).</summary>
    public static WorkItemKind EscalatedCaseWork { get; } = new("escalated-case");

    /// <summary>The work item kind "conduct the live visit" (from check-in to the end of the visit).</summary>
    public static WorkItemKind ConductVisitWork { get; } = new("conduct-visit");

    /// <summary>The work item kind "decide the next step after a decision": prescribe, schedule a follow-up or close.</summary>
    public static WorkItemKind NextStepWork { get; } = new("next-step");

    /// <summary>The work item kind "close a decided case" (no licence needed).</summary>
    public static WorkItemKind CloseCaseWork { get; } = new("close-case");

    /// <summary>Gets the default time a refill may follow the last approval: 365 days.</summary>
    public static TimeSpan DefaultRefillApprovalValidity { get; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Gets the asynchronous consult: submitted, triage, awaiting review, in review, needs information (the patient
    /// answers and the case goes back to review), approved, declined, escalated to a live visit, closed.
    /// </summary>
    public static CarePathDefinition AsyncConsult { get; } = CreateAsyncConsult().Build();

    /// <summary>
    /// Gets the synchronous visit: requested, scheduled, checked in, in progress, completed, no-show, cancelled,
    /// documentation signed.
    /// </summary>
    public static CarePathDefinition SyncVisit { get; } = CreateSyncVisit().Build();

    /// <summary>
    /// Gets the hybrid path: the asynchronous consult, whose escalation moves the same case into the live visit's
    /// states (substates of <see cref="CareStates.Escalated"/>); after a decision, prescribing, fulfillment and a
    /// follow-up. The case keeps one history throughout.
    /// </summary>
    public static CarePathDefinition Hybrid { get; } = CreateHybrid().Build();

    /// <summary>
    /// Gets the refill path: the request, an eligibility check against the last approval (at most
    /// <see cref="DefaultRefillApprovalValidity"/> old, refills left, not a controlled substance), then approve,
    /// decline or escalate.
    /// </summary>
    public static CarePathDefinition Refill { get; } = CreateRefill(DefaultRefillApprovalValidity).Build();

    /// <summary>Gets every built-in path.</summary>
    public static IReadOnlyList<CarePathDefinition> All { get; } = [AsyncConsult, SyncVisit, Hybrid, Refill];

    /// <summary>Creates a builder holding the refill path with another approval validity, to build or extend.</summary>
    /// <param name="approvalValidity">How long after the last approval a refill may be approved.</param>
    /// <returns>The builder.</returns>
    public static CarePathBuilder CreateRefill(TimeSpan approvalValidity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(approvalValidity, TimeSpan.Zero);
        return CarePathBuilder.Create(RefillName)
            .State(CareStates.Requested, s => s
                .AwaitsPatient("the patient completes the refill request")
                .Permit(CareTriggers.CheckEligibility, CareStates.EligibilityCheck))
            .State(CareStates.EligibilityCheck, s => s
                .AwaitsWork(ReviewRefillWork, "Review refill request")
                .OnEntry("raise priority when overdue", OverdueEntry)
                .Permit(CareTriggers.Approve, CareStates.Approved, a => a.Guard("eligible against last approval", (c, _) => RefillEligibility(c, approvalValidity)))
                .Permit(CareTriggers.Decline, CareStates.Declined, null)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard)
                .Permit(CareTriggers.ReviewOverdue, CareStates.EligibilityCheck)
                .Sla(TimeSpan.FromHours(48), TimeSpan.FromHours(8), CareTriggers.ReviewOverdue))
            .State(CareStates.Approved, s => s.Final().OnEntry("publish approval", c => [Notice(c, CarePathMessageTypes.CaseApproved)]))
            .State(CareStates.Declined, s => s.Final().OnEntry("publish decline", c => [Notice(c, CarePathMessageTypes.CaseDeclined, c.GetArgument<DeclineDecision>().ReasonCode)]))
            .State(CareStates.Escalated, s => s.Final().OnEntry("record escalation, publish", EscalationEffects));
    }

    /// <summary>Creates a builder holding the asynchronous consult, to build or extend.</summary>
    /// <returns>The builder.</returns>
    public static CarePathBuilder CreateAsyncConsult()
    {
        var builder = CarePathBuilder.Create(AsyncConsultName)
            .State(CareStates.Submitted, s => s
                .AwaitsPatient("the patient's intake submission")
                .Permit(CareTriggers.Triage, CareStates.Triage)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard))
            .State(CareStates.Triage, s => s
                .AwaitsWork(TriageWork, "Triage case", w => w.WithoutLicence())
                .Permit(CareTriggers.AcceptForReview, CareStates.AwaitingReview)
                .Permit(CareTriggers.Decline, CareStates.Declined, null)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard)
                .Sla(TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), CareTriggers.AcceptForReview))
            .State(CareStates.AwaitingReview, s => s
                .AwaitsWork(WorkItemKind.ReviewIntake, "Review async consult", w => w.CancelledBy(CareTriggers.Escalate))
                .OnEntry("raise priority when overdue", OverdueEntry)
                .Permit(CareTriggers.StartReview, CareStates.InReview)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard)
                .Permit(CareTriggers.ReviewOverdue, CareStates.AwaitingReview)
                .Sla(TimeSpan.FromHours(24), TimeSpan.FromHours(4), CareTriggers.ReviewOverdue))
            .State(CareStates.InReview, s => s
                .RequireConsent(ConsentKinds.Telehealth)
                .AwaitsWork(WorkItemKind.ReviewIntake, "Review async consult")
                .Permit(CareTriggers.Approve, CareStates.Escalated, a => a.When("prescription needs live visit", (_, d) => d.NeedsLiveVisit))
                .Permit(CareTriggers.Approve, CareStates.Approved, a => a
                    .When("no live visit needed", (_, d) => !d.NeedsLiveVisit)
                    .Guard("no critical red flag", (c, _) => GuardResult.When(!c.Facts.HasCriticalRedFlag, RefusalCodes.CriticalRedFlag, "A red flag of the highest severity blocks asynchronous approval. Escalate the case to a live visit or decline it.")))
                .Permit(CareTriggers.Decline, CareStates.Declined, null)
                .Permit(CareTriggers.RequestInformation, CareStates.NeedsInformation, null)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard))
            .State(CareStates.NeedsInformation, s => s
                .AwaitsPatient("the patient's answer")
                .OnEntry("notify patient", c => [Notice(c, CarePathMessageTypes.InformationRequested, c.GetArgument<InformationRequest>().TopicCode)])
                .Permit(CareTriggers.ProvideInformation, CareStates.AwaitingReview)
                .Permit(CareTriggers.Escalate, CareStates.Escalated, EscalationGuard)
                .Permit(CareTriggers.InformationTimeout, CareStates.Closed)
                .Sla(TimeSpan.FromHours(72), TimeSpan.FromHours(24), CareTriggers.InformationTimeout))
            .State(CareStates.Approved, s => s
                .AwaitsWork(CloseCaseWork, "Close approved case", w => w.WithoutLicence())
                .OnEntry("publish approval", c => [Notice(c, CarePathMessageTypes.CaseApproved)])
                .Permit(CareTriggers.Close, CareStates.Closed))
            .State(CareStates.Declined, s => s
                .AwaitsWork(CloseCaseWork, "Close declined case", w => w.WithoutLicence())
                .OnEntry("publish decline", c => [Notice(c, CarePathMessageTypes.CaseDeclined, c.GetArgument<DeclineDecision>().ReasonCode)])
                .Permit(CareTriggers.Close, CareStates.Closed))
            .State(CareStates.Escalated, s => s
                .AwaitsWork(EscalatedCaseWork, "Arrange live visit for escalated case")
                .OnEntry("record escalation, publish", EscalationEffects)
                .Permit(CareTriggers.Close, CareStates.Closed))
            .State(CareStates.Closed, s => s
                .Final()
                .OnEntry("cancel open work items", _ => [new CloseWorkItems(null, WorkItemStatus.Cancelled)]));
        return builder;
    }

    /// <summary>Creates a builder holding the synchronous visit, to build or extend.</summary>
    /// <returns>The builder.</returns>
    public static CarePathBuilder CreateSyncVisit()
    {
        var builder = CarePathBuilder.Create(SyncVisitName);
        AddVisitStates(builder, parent: null);
        builder.State(CareStates.Cancelled, s => s.Final());
        builder.State(CareStates.DocumentationSigned, s => s.Final());
        return builder;
    }

    /// <summary>Creates a builder holding the hybrid path, to build or extend.</summary>
    /// <returns>The builder.</returns>
    public static CarePathBuilder CreateHybrid()
    {
        var builder = CarePathBuilder.Extend(AsyncConsult, HybridName);

        // Escalation moves the same case into the live visit: the visit's states are substates of "escalated".
        builder.State(CareStates.Escalated, s => s.Remove(CareTriggers.Close).AwaitsNothing().InitialTransition(CareStates.Requested));
        AddVisitStates(builder, parent: CareStates.Escalated);
        builder.State(CareStates.Cancelled, s => s.AwaitsWork(CloseCaseWork, "Close cancelled case", w => w.WithoutLicence()).Permit(CareTriggers.Close, CareStates.Closed));
        foreach (var decided in new[] { CareStates.Approved, CareStates.DocumentationSigned })
        {
            builder.State(decided, s => s
                .AwaitsWork(NextStepWork, "Prescribe, schedule follow-up or close")
                .Permit(CareTriggers.Prescribe, CareStates.Prescribing, null)
                .Permit(CareTriggers.ScheduleFollowUp, CareStates.FollowUp));
        }

        builder.State(CareStates.DocumentationSigned, s => s.Permit(CareTriggers.Close, CareStates.Closed));
        builder.State(CareStates.Prescribing, s => s
            .AwaitsSystem("the eRx gateway or the pharmacist confirms the prescription was sent")
            .OnEntry("publish prescription request", c => [Notice(c, CarePathMessageTypes.PrescriptionRequested, c.GetArgument<PrescriptionOrder>().PrescriptionId)])
            .Permit(CareTriggers.PrescriptionSent, CareStates.Fulfillment));
        builder.State(CareStates.Fulfillment, s => s
            .AwaitsWork(WorkItemKind.FixFulfillment, "Fix failed fulfillment", w => w
                .WithoutLicence()
                .OnlyWhen("fulfillment failed", c => c.Trigger.Equals(CareTriggers.FulfillmentFailed), StateWaitKind.System))
            .OnEntry("publish failed fulfillment", c => c.Trigger.Equals(CareTriggers.FulfillmentFailed)
                ? [Notice(c, CarePathMessageTypes.FulfillmentFailed, c.GetArgument<FulfillmentFailure>().ReasonCode)]
                : [])
            .Permit(CareTriggers.Fulfilled, CareStates.FollowUp)
            .Permit(CareTriggers.FulfillmentFailed, CareStates.Fulfillment, null));
        builder.State(CareStates.FollowUp, s => s
            .AwaitsWork(FollowUpWork, "Follow up with patient", w => w.DueIn(TimeSpan.FromDays(14)))
            .Permit(CareTriggers.Close, CareStates.Closed));
        return builder;
    }

    private static void AddVisitStates(CarePathBuilder builder, string? parent)
    {
        void Parent(StateBuilder s)
        {
            if (parent is not null)
            {
                s.SubstateOf(parent);
            }
        }

        builder.State(CareStates.Requested, s =>
        {
            Parent(s);
            s.AwaitsWork(ScheduleVisitWork, "Book live visit", w => w.WithoutLicence().CancelledBy(CareTriggers.Cancel))
                .OnEntry("request booking", RequestedEntry)
                .Permit(CareTriggers.Schedule, CareStates.Scheduled, null)
                .Permit(CareTriggers.Cancel, CareStates.Cancelled, null)
                .Permit(CareTriggers.SchedulingOverdue, CareStates.Requested)
                .Sla(TimeSpan.FromHours(48), TimeSpan.FromHours(4), CareTriggers.SchedulingOverdue);
        });
        builder.State(CareStates.Scheduled, s =>
        {
            Parent(s);
            s.AwaitsPatient("the patient checks in for the visit")
                .OnEntry("publish booking", c => [Notice(c, CarePathMessageTypes.VisitScheduled, c.GetArgument<VisitBooking>().AppointmentId)])
                .Permit(CareTriggers.CheckIn, CareStates.CheckedIn)
                .Permit(CareTriggers.Schedule, CareStates.Scheduled, null)
                .Permit(CareTriggers.Cancel, CareStates.Cancelled, null)
                .Permit(CareTriggers.MarkNoShow, CareStates.NoShow);
        });
        builder.State(CareStates.CheckedIn, s =>
        {
            Parent(s);
            s.AwaitsWork(ConductVisitWork, "Conduct live visit", w => w.CancelledBy(CareTriggers.MarkNoShow, CareTriggers.Cancel))
                .Permit(CareTriggers.StartVisit, CareStates.InProgress)
                .Permit(CareTriggers.MarkNoShow, CareStates.NoShow)
                .Permit(CareTriggers.Cancel, CareStates.Cancelled, null);
        });
        builder.State(CareStates.InProgress, s =>
        {
            Parent(s);
            s.RequireConsent(ConsentKinds.Telehealth)
                .AwaitsWork(ConductVisitWork, "Conduct live visit")
                .OnEntry("record visit clinician", c => c.Actor.PractitionerId is { } p ? [new SetValue(VisitClinicianKey, p.ToString())] : [])
                .Permit(CareTriggers.CompleteVisit, CareStates.Completed);
        });
        builder.State(CareStates.Completed, s =>
        {
            Parent(s);
            s.AwaitsWork(WorkItemKind.SignNote, "Sign visit note", w => w.WithoutLicence().AssignTo(VisitClinician))
                .OnEntry("publish overdue note", c => c.Trigger.Equals(CareTriggers.DocumentationOverdue) ? [Notice(c, CarePathMessageTypes.DocumentationOverdue)] : [])
                .Permit(CareTriggers.SignDocumentation, CareStates.DocumentationSigned)
                .Permit(CareTriggers.DocumentationOverdue, CareStates.Completed)
                .Sla(TimeSpan.FromHours(24), null, CareTriggers.DocumentationOverdue);
        });
        builder.State(CareStates.NoShow, s =>
        {
            Parent(s);
            s.AwaitsWork(ScheduleVisitWork, "Rebook missed visit", w => w.WithoutLicence().CancelledBy(CareTriggers.Cancel))
                .OnEntry("publish missed visit", c => [Notice(c, CarePathMessageTypes.VisitMissed)])
                .Permit(CareTriggers.Schedule, CareStates.Scheduled, null)
                .Permit(CareTriggers.Cancel, CareStates.Cancelled, null);
        });
        builder.State(CareStates.Cancelled, s =>
        {
            Parent(s);
            s.OnEntry("cancel open work items", _ => [new CloseWorkItems(null, WorkItemStatus.Cancelled)]);
        });
        builder.State(CareStates.DocumentationSigned, Parent);
    }

    private static IEnumerable<PathEffect> OverdueEntry(TransitionContext c)
        => c.Trigger.Equals(CareTriggers.ReviewOverdue)
            ? [new SetPriority(Raise(c.Facts.Priority)), Notice(c, CarePathMessageTypes.ReviewOverdue)]
            : [];

    private static IEnumerable<PathEffect> RequestedEntry(TransitionContext c)
        => c.Trigger.Equals(CareTriggers.SchedulingOverdue)
            ? [new SetPriority(Raise(c.Facts.Priority)), Notice(c, CarePathMessageTypes.VisitRequested)]
            : [Notice(c, CarePathMessageTypes.VisitRequested)];

    private static Id<Practitioner>? VisitClinician(TransitionContext c)
        => c.Facts.Values.TryGetValue(VisitClinicianKey, out var stored) && Id<Practitioner>.TryParse(stored, out var id) ? id : c.Actor.PractitionerId;

    private static IEnumerable<PathEffect> EscalationEffects(TransitionContext c)
    {
        var (reason, code) = c.Argument switch
        {
            EscalationRequest r => (r.Reason, r.Code),
            ReviewDecision { NeedsLiveVisit: true } d => (EscalationReason.PrescriptionNeedsLiveVisit, d.Prescription!.IsControlledSubstance ? "controlled-substance" : "live-visit-required"),
            _ => (EscalationReason.SlaTimeout, c.Trigger.Name),
        };
        var priority = c.Facts.Priority < WorkItemPriority.Urgent ? WorkItemPriority.Urgent : c.Facts.Priority;
        return
        [
            new RecordEscalation(reason, code),
            new SetPriority(priority),
            Notice(c, CarePathMessageTypes.CaseEscalated, ReasonCode(reason)),
        ];
    }

    private static void EscalationGuard(TransitionBuilder<EscalationRequest> transition)
        => transition.Guard("patient escalates by request only", (c, r) => GuardResult.When(
            c.Actor.Role != ActorRole.Patient || r.Reason == EscalationReason.PatientRequest,
            "escalation-reason-not-permitted",
            $"A patient may escalate only with reason {EscalationReason.PatientRequest}."));

    private static GuardResult RefillEligibility(TransitionContext c, TimeSpan validity)
    {
        if (c.Facts.Refill is not { } refill)
        {
            return GuardResult.Refuse(RefusalCodes.RefillNotEligible, "The case has no refill details to check against. Open refill cases with RefillFacts.");
        }

        var failures = new List<string>(3);
        if (c.Now - refill.LastApprovedAt > validity)
        {
            failures.Add($"the last approval is older than {validity.TotalDays:0} days");
        }

        if (refill.RefillsRemaining <= 0)
        {
            failures.Add("no refills remain");
        }

        if (refill.IsControlledSubstance)
        {
            failures.Add("a controlled substance needs a clinician's live review");
        }

        return failures.Count == 0
            ? GuardResult.Allow
            : GuardResult.Refuse(RefusalCodes.RefillNotEligible, $"The refill is not eligible against the last approval: {string.Join("; ", failures)}. Decline or escalate it.");
    }

    private static PublishMessage Notice(TransitionContext c, string messageType, string? code = null)
        => new(messageType, new CaseNotice(c.Case.Id.Value, c.Case.PatientId.Value, c.Definition.Name, c.Destination, code));

    private static WorkItemPriority Raise(WorkItemPriority priority) => priority < WorkItemPriority.Stat ? priority + 1 : priority;

    private static string ReasonCode(EscalationReason reason) => reason switch
    {
        EscalationReason.RedFlag => "red-flag",
        EscalationReason.PrescriptionNeedsLiveVisit => "prescription-needs-live-visit",
        EscalationReason.ClinicianDecision => "clinician-decision",
        EscalationReason.PatientRequest => "patient-request",
        _ => "sla-timeout",
    };
}
