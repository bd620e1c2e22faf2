namespace Remedora.CarePaths;

/// <summary>A request to escalate a case to a live visit.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Code">A PHI-free code, for example the red-flag rule id.</param>
public sealed record EscalationRequest(EscalationReason Reason, string? Code = null);
