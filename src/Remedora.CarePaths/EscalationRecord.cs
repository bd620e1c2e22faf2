namespace Remedora.CarePaths;

/// <summary>One escalation of a case.</summary>
/// <param name="Reason">Why the case was escalated.</param>
/// <param name="At">When.</param>
/// <param name="Code">A PHI-free code, for example the red-flag rule id or the medication class.</param>
public sealed record EscalationRecord(EscalationReason Reason, DateTimeOffset At, string? Code);
