namespace Remedora.Clinical;

/// <summary>
/// A finding in a patient's answers that makes asynchronous care unsafe or urgent (for example PHQ-9 item 9 above
/// zero). Intake raises them; care paths read them to escalate to a live visit or refuse asynchronous care.
/// </summary>
/// <param name="RuleId">The id of the rule that raised it, for example <c>phq9-self-harm</c>.</param>
/// <param name="Severity">How serious it is; <see cref="RedFlagSeverity.Critical"/> blocks asynchronous approval.</param>
/// <param name="Action">What the care path should do.</param>
/// <param name="Description">A clinician-facing description of the rule (never the patient's answers), for example <c>PHQ-9 item 9 above 0</c>.</param>
public sealed record RedFlag([property: Phi] string RuleId, RedFlagSeverity Severity, RedFlagAction Action, [property: Phi] string Description);

/// <summary>How serious a red flag is, in increasing order.</summary>
public enum RedFlagSeverity
{
    /// <summary>Worth noting; no change to the path.</summary>
    Low = 0,

    /// <summary>Needs a clinician's attention during review.</summary>
    Moderate = 1,

    /// <summary>Needs prompt attention; usually a live visit.</summary>
    High = 2,

    /// <summary>The highest severity: asynchronous approval is blocked.</summary>
    Critical = 3,
}

/// <summary>What a care path should do about a red flag.</summary>
public enum RedFlagAction
{
    /// <summary>Show it to the reviewing clinician.</summary>
    Notify = 0,

    /// <summary>Raise the priority of the review.</summary>
    Prioritize = 1,

    /// <summary>Move the case to a live (synchronous) visit.</summary>
    EscalateToLiveVisit = 2,

    /// <summary>Refuse asynchronous care and direct the patient to urgent or emergency care.</summary>
    RefuseAsyncCare = 3,
}
