namespace Remedora.Intake;

/// <summary>Holds when the expression evaluates to <see langword="true"/>.</summary>
/// <param name="Expression">The expression.</param>
public sealed record ExpressionCondition(FormExpression Expression) : RuleCondition;
