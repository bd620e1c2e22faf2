namespace Remedora.CarePaths;

/// <summary>A transition of a care path.</summary>
/// <param name="Source">The state it leaves.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="Destination">The state it enters (the source for a re-entry).</param>
/// <param name="Guards">The descriptions of its guards and conditions.</param>
public sealed record CarePathTransition(string Source, PathTrigger Trigger, string Destination, IReadOnlyList<string> Guards);
