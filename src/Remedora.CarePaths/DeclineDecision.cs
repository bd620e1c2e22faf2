namespace Remedora.CarePaths;

/// <summary>Why a clinician declined a case.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>not-suitable-for-telehealth</c>.</param>
public sealed record DeclineDecision(string ReasonCode);
