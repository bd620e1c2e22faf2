namespace Remedora.Intake.Engine;

internal sealed class CompiledAllCondition(CompiledRuleCondition[] conditions) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
    {
        var unknown = false;
        foreach (var condition in conditions)
        {
            switch (condition.Evaluate(run))
            {
                case false:
                    return false;
                case null:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : true;
    }
}
