namespace Remedora.Intake;

/// <summary>An interpretation band of a score, for example PHQ-9 10 to 14 = moderate. Bounds are inclusive.</summary>
/// <param name="Code">A stable code of the band, for example <c>moderate</c>.</param>
/// <param name="Min">The lowest score in the band.</param>
/// <param name="Max">The highest score in the band.</param>
/// <param name="Label">A label for clinicians, for example <c>Moderate depression</c>.</param>
public sealed record ScoreBand(string Code, decimal Min, decimal Max, string? Label = null);
