namespace Remedora.Intake.Engine;

/// <summary>The value of one score of a form.</summary>
/// <param name="Name">The score's name.</param>
/// <param name="Value">The value; <see langword="null"/> when nothing it depends on was answered.</param>
/// <param name="Band">The interpretation band the value falls in, if any.</param>
public sealed record ScoreResult(string Name, [property: Phi] decimal? Value, ScoreBand? Band);
