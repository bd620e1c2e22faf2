namespace Remedora.CarePaths;

/// <summary>What one SLA sweep did.</summary>
/// <param name="Claimed">Timers claimed.</param>
/// <param name="Fired">Timeout triggers that moved a case.</param>
/// <param name="Stale">Timers whose case had left the state (or whose trigger was refused): spent without a move.</param>
/// <param name="LostToAnotherSweep">Timers another sweep took over; they fire there.</param>
/// <param name="Failed">Timers that failed and are retried after their lease.</param>
/// <param name="ExpiredLeasesReturned">Review work items whose lease had expired, returned to ready.</param>
public sealed record SlaSweepResult(int Claimed, int Fired, int Stale, int LostToAnotherSweep, int Failed, int ExpiredLeasesReturned);
