namespace Remedora.Intake;

/// <summary>Holds when every condition holds.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AllCondition(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;
