namespace Remedora.CarePaths;

/// <summary>Records an escalation in the case's facts.</summary>
/// <param name="Reason">Why the case was escalated.</param>
/// <param name="Code">A PHI-free code, for example the red-flag rule id.</param>
public sealed record RecordEscalation(EscalationReason Reason, string? Code) : PathEffect;
