namespace Remedora.Intake;

/// <summary>Holds when a question's enabled answers compare with <paramref name="Value"/> as enableWhen does.</summary>
/// <param name="LinkId">The question.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand; a <see cref="BooleanAnswer"/> for <see cref="ComparisonOperator.Exists"/>.</param>
public sealed record AnswerCondition(string LinkId, ComparisonOperator Operator, AnswerValue Value) : RuleCondition;
