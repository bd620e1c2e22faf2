using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>
/// The default escalation policy: a red flag of the highest severity, or one whose action is to escalate to a live
/// visit or to refuse asynchronous care, escalates the case; severities raise the priority (critical: stat, high:
/// as soon as possible, moderate or "prioritize": urgent). Priorities never go down.
/// </summary>
public sealed class DefaultEscalationPolicy : IEscalationPolicy
{
    /// <inheritdoc/>
    public IntakeAssessment Assess(CaseFacts facts, IntakeSubmitted submission)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(submission);
        var priority = facts.Priority;
        RedFlag? escalating = null;
        foreach (var flag in submission.RedFlags)
        {
            var raised = flag.Severity switch
            {
                RedFlagSeverity.Critical => WorkItemPriority.Stat,
                RedFlagSeverity.High => WorkItemPriority.Asap,
                RedFlagSeverity.Moderate => WorkItemPriority.Urgent,
                _ => flag.Action == RedFlagAction.Prioritize ? WorkItemPriority.Urgent : WorkItemPriority.Routine,
            };
            if (raised > priority)
            {
                priority = raised;
            }

            if (escalating is null && (flag.Severity == RedFlagSeverity.Critical || flag.Action is RedFlagAction.EscalateToLiveVisit or RedFlagAction.RefuseAsyncCare))
            {
                escalating = flag;
            }
        }

        return new IntakeAssessment(priority, escalating is null ? null : new EscalationRequest(EscalationReason.RedFlag, escalating.RuleId));
    }
}
