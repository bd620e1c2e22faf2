namespace Remedora.Intake.Engine;

internal sealed class CompiledScoreCondition(int scoreIndex, ComparisonOperator op, decimal value) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
        => run.ScoreValue(scoreIndex) is { } score && AnswerComparison.Test(score, op, value);
}
