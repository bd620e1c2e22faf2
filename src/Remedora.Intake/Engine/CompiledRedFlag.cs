namespace Remedora.Intake.Engine;

/// <summary>A compiled red-flag rule.</summary>
internal sealed class CompiledRedFlag(RedFlagRule source, CompiledRuleCondition condition)
{
    public RedFlagRule Source { get; } = source;

    public CompiledRuleCondition Condition { get; } = condition;
}
