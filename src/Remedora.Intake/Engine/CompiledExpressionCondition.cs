namespace Remedora.Intake.Engine;

internal sealed class CompiledExpressionCondition(CompiledExpr expression) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
    {
        var result = run.EvaluateFormExpression(expression);
        return result is null ? null : result.AsBoolean() ?? false;
    }
}
