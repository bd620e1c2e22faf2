namespace Remedora.Intake;

/// <summary>Holds when the score of a chosen answer option of the question compares with <paramref name="Value"/>.</summary>
/// <param name="LinkId">The question.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand.</param>
public sealed record OrdinalCondition(string LinkId, ComparisonOperator Operator, decimal Value) : RuleCondition;
