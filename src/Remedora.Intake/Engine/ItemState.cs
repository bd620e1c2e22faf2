namespace Remedora.Intake.Engine;

/// <summary>The state of one occurrence of an item after evaluation.</summary>
/// <param name="LinkId">The item's linkId.</param>
/// <param name="Path">The occurrence's path, for example <c>item[meds][1].item[dose]</c>.</param>
/// <param name="Enabled">Whether the item is enabled (disabled items are not shown and their answers are dropped).</param>
/// <param name="Hidden">Whether the item is hidden by the form (it is still evaluated).</param>
/// <param name="Answers">The answers kept: none for a disabled item; the calculated value for a calculated item.</param>
/// <param name="Calculated">Whether <paramref name="Answers"/> were calculated by the form.</param>
public sealed record ItemState(string LinkId, string Path, bool Enabled, bool Hidden, IReadOnlyList<AnswerValue> Answers, bool Calculated);
