namespace Remedora.Intake.Engine;

internal sealed class CompiledAnyCondition(CompiledRuleCondition[] conditions) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
    {
        var unknown = false;
        foreach (var condition in conditions)
        {
            switch (condition.Evaluate(run))
            {
                case true:
                    return true;
                case null:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : false;
    }
}
