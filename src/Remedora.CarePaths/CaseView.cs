namespace Remedora.CarePaths;

/// <summary>A case with its facts and the triggers its state permits (before guards).</summary>
/// <param name="Case">The case.</param>
/// <param name="Facts">Its facts.</param>
/// <param name="Triggers">The triggers permitted in its state.</param>
public sealed record CaseView(CareCase Case, CaseFacts Facts, IReadOnlyList<PathTrigger> Triggers);
