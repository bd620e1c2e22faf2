namespace Remedora.Intake;

/// <summary>Holds when a score compares with <paramref name="Value"/>.</summary>
/// <param name="Score">The score's name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand.</param>
public sealed record ScoreCondition(string Score, ComparisonOperator Operator, decimal Value) : RuleCondition;
