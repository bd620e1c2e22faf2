namespace Remedora.CarePaths;

/// <summary>Why a visit was cancelled.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>patient-request</c>.</param>
public sealed record CancellationRequest(string ReasonCode);
