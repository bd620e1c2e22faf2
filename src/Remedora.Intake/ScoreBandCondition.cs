namespace Remedora.Intake;

/// <summary>Holds when a score falls in the named band.</summary>
/// <param name="Score">The score's name.</param>
/// <param name="Band">The band's code.</param>
public sealed record ScoreBandCondition(string Score, string Band) : RuleCondition;
