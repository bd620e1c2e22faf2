using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.BuiltIn;

/// <summary>One step's inputs that the reference models decide on.</summary>
internal sealed record StepInput(string Trigger, ActorRole Role, bool ConsentActive, bool NeedsLiveVisit, EscalationReason EscalationReason);

/// <summary>What a reference model expects: the next state, or the refusal code.</summary>
internal sealed record Expected(string? Destination, string? RefusalCode)
{
    public static Expected Move(string destination) => new(destination, null);

    public static Expected Refuse(string code) => new(null, code);
}

/// <summary>
/// Simple, independent descriptions of the built-in paths: tables of (state, trigger) → destination plus the few
/// rules written out by hand. The engine must agree with them on every step.
/// </summary>
internal sealed class ReferenceModel
{
    private readonly Dictionary<(string State, string Trigger), string> _moves = [];
    private readonly Dictionary<string, ActorRole[]> _roles = [];
    private readonly HashSet<string> _consentStates = [];

    private ReferenceModel(string initial) => Initial = initial;

    public string Initial { get; }

    public bool CriticalRedFlag { get; init; }

    public bool RefillEligible { get; init; }

    public Func<string, string> Enter { get; private init; } = s => s;

    public IReadOnlyList<string> Triggers => [.. _roles.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> TriggersFrom(string state) => [.. _moves.Keys.Where(k => k.State == state).Select(k => k.Trigger).Order(StringComparer.Ordinal)];

    public static ReferenceModel AsyncConsult(bool critical = false) => WithAsync(new ReferenceModel("submitted") { CriticalRedFlag = critical });

    public static ReferenceModel SyncVisit() => WithVisit(new ReferenceModel("requested"));

    public static ReferenceModel Hybrid(bool critical = false)
    {
        // Escalation enters the live visit at "requested"; "escalated" itself is never a resting state.
        var model = new ReferenceModel("submitted") { CriticalRedFlag = critical, Enter = s => s == "escalated" ? "requested" : s };
        WithAsync(model);
        model._moves.Remove(("escalated", "close"));
        WithVisit(model);
        model.Add("cancelled", "close", "closed");
        foreach (var decided in new[] { "approved", "documentation-signed" })
        {
            model.Add(decided, "prescribe", "prescribing");
            model.Add(decided, "schedule-follow-up", "follow-up");
        }

        model.Add("documentation-signed", "close", "closed");
        model.Add("prescribing", "prescription-sent", "fulfillment");
        model.Add("fulfillment", "fulfilled", "follow-up");
        model.Add("fulfillment", "fulfillment-failed", "fulfillment");
        model.Add("follow-up", "close", "closed");
        model.Roles("prescribe", ActorRole.Clinician);
        model.Roles("schedule-follow-up", ActorRole.Clinician, ActorRole.CareCoordinator);
        model.Roles("prescription-sent", ActorRole.Clinician, ActorRole.Pharmacist);
        model.Roles("fulfilled", ActorRole.Pharmacist, ActorRole.CareCoordinator);
        model.Roles("fulfillment-failed", ActorRole.Pharmacist, ActorRole.CareCoordinator);
        return model;
    }

    public static ReferenceModel Refill(bool eligible)
    {
        var model = new ReferenceModel("requested") { RefillEligible = eligible };
        model.Add("requested", "check-eligibility", "eligibility-check");
        model.Add("eligibility-check", "approve", "approved");
        model.Add("eligibility-check", "decline", "declined");
        model.Add("eligibility-check", "escalate", "escalated");
        model.Add("eligibility-check", "review-overdue", "eligibility-check");
        model.Roles("check-eligibility", ActorRole.CareCoordinator, ActorRole.Clinician, ActorRole.Patient);
        model.Roles("approve", ActorRole.Clinician);
        model.Roles("decline", ActorRole.Clinician);
        model.Roles("escalate", ActorRole.Clinician, ActorRole.CareCoordinator, ActorRole.Patient);
        model.Roles("review-overdue");
        return model;
    }

    public Expected Step(string state, StepInput input)
    {
        var roles = _roles[input.Trigger];
        if (input.Role != ActorRole.System && !roles.Contains(input.Role))
        {
            return Expected.Refuse(RefusalCodes.RoleNotPermitted);
        }

        if (!_moves.TryGetValue((state, input.Trigger), out var destination))
        {
            return Expected.Refuse(RefusalCodes.TriggerNotPermitted);
        }

        if (input.Trigger == "escalate" && input.Role == ActorRole.Patient && input.EscalationReason != EscalationReason.PatientRequest)
        {
            return Expected.Refuse("escalation-reason-not-permitted");
        }

        if (input.Trigger == "approve")
        {
            if (Initial == "requested")
            {
                return RefillEligible ? Expected.Move(destination) : Expected.Refuse(RefusalCodes.RefillNotEligible);
            }

            if (input.NeedsLiveVisit)
            {
                return Expected.Move(Enter("escalated"));
            }

            if (CriticalRedFlag)
            {
                return Expected.Refuse(RefusalCodes.CriticalRedFlag);
            }
        }

        destination = Enter(destination);
        if (_consentStates.Contains(destination) && !input.ConsentActive)
        {
            return Expected.Refuse(RefusalCodes.ConsentRequired);
        }

        return Expected.Move(destination);
    }

    private static ReferenceModel WithAsync(ReferenceModel m)
    {
        m.Add("submitted", "triage", "triage");
        m.Add("submitted", "escalate", "escalated");
        m.Add("triage", "accept-for-review", "awaiting-review");
        m.Add("triage", "decline", "declined");
        m.Add("triage", "escalate", "escalated");
        m.Add("awaiting-review", "start-review", "in-review");
        m.Add("awaiting-review", "escalate", "escalated");
        m.Add("awaiting-review", "review-overdue", "awaiting-review");
        m.Add("in-review", "approve", "approved");
        m.Add("in-review", "decline", "declined");
        m.Add("in-review", "request-information", "needs-information");
        m.Add("in-review", "escalate", "escalated");
        m.Add("needs-information", "provide-information", "awaiting-review");
        m.Add("needs-information", "escalate", "escalated");
        m.Add("needs-information", "information-timeout", "closed");
        m.Add("approved", "close", "closed");
        m.Add("declined", "close", "closed");
        m.Add("escalated", "close", "closed");
        m._consentStates.Add("in-review");
        m.Roles("triage", ActorRole.CareCoordinator, ActorRole.Clinician);
        m.Roles("accept-for-review", ActorRole.CareCoordinator, ActorRole.Clinician);
        m.Roles("start-review", ActorRole.Clinician);
        m.Roles("approve", ActorRole.Clinician);
        m.Roles("decline", ActorRole.Clinician);
        m.Roles("request-information", ActorRole.Clinician);
        m.Roles("provide-information", ActorRole.Patient);
        m.Roles("escalate", ActorRole.Clinician, ActorRole.CareCoordinator, ActorRole.Patient);
        m.Roles("review-overdue");
        m.Roles("information-timeout");
        m.Roles("close", ActorRole.Clinician, ActorRole.CareCoordinator);
        return m;
    }

    private static ReferenceModel WithVisit(ReferenceModel m)
    {
        m.Add("requested", "schedule", "scheduled");
        m.Add("requested", "cancel", "cancelled");
        m.Add("requested", "scheduling-overdue", "requested");
        m.Add("scheduled", "check-in", "checked-in");
        m.Add("scheduled", "schedule", "scheduled");
        m.Add("scheduled", "cancel", "cancelled");
        m.Add("scheduled", "mark-no-show", "no-show");
        m.Add("checked-in", "start-visit", "in-progress");
        m.Add("checked-in", "mark-no-show", "no-show");
        m.Add("checked-in", "cancel", "cancelled");
        m.Add("in-progress", "complete-visit", "completed");
        m.Add("completed", "sign-documentation", "documentation-signed");
        m.Add("completed", "documentation-overdue", "completed");
        m.Add("no-show", "schedule", "scheduled");
        m.Add("no-show", "cancel", "cancelled");
        m._consentStates.Add("in-progress");
        m.Roles("schedule", ActorRole.CareCoordinator, ActorRole.Clinician, ActorRole.Patient);
        m.Roles("check-in", ActorRole.Patient, ActorRole.CareCoordinator, ActorRole.Clinician);
        m.Roles("start-visit", ActorRole.Clinician);
        m.Roles("complete-visit", ActorRole.Clinician);
        m.Roles("sign-documentation", ActorRole.Clinician);
        m.Roles("mark-no-show", ActorRole.Clinician, ActorRole.CareCoordinator);
        m.Roles("cancel", ActorRole.Patient, ActorRole.CareCoordinator, ActorRole.Clinician);
        m.Roles("scheduling-overdue");
        m.Roles("documentation-overdue");
        return m;
    }

    private void Add(string state, string trigger, string destination) => _moves[(state, trigger)] = destination;

    /// <summary>Declares who may fire a trigger besides the application itself (none listed: the application only).</summary>
    private void Roles(string trigger, params ActorRole[] roles) => _roles[trigger] = roles;
}
