namespace Remedora.Intake;

/// <summary>Holds when at least one condition holds.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AnyCondition(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;
