namespace Remedora.Intake.Engine;

/// <summary>A compiled red-flag condition; evaluates to true, false or unknown (<see langword="null"/>).</summary>
internal abstract class CompiledRuleCondition
{
    public abstract bool? Evaluate(EvaluationRun run);
}
