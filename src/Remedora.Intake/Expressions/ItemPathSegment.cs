namespace Remedora.Intake.Expressions;

/// <summary>One step of an item's path: the linkId and which occurrence of it among its siblings.</summary>
/// <param name="LinkId">The linkId.</param>
/// <param name="Occurrence">The 0-based occurrence among siblings with the same linkId (a repeating group's repetition).</param>
public readonly record struct ItemPathSegment(string LinkId, int Occurrence);
