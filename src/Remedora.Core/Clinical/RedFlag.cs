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
