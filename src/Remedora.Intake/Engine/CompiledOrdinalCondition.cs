namespace Remedora.Intake.Engine;

internal sealed class CompiledOrdinalCondition(ItemNode node, ComparisonOperator op, decimal value) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
    {
        var answers = run.EnabledAnswers(node);
        var anyScored = false;
        foreach (var answer in answers)
        {
            if (node.ScoreOf(answer) is { } score)
            {
                anyScored = true;
                if (op == ComparisonOperator.NotEqual ? score == value : AnswerComparison.Test(score, op, value))
                {
                    return op != ComparisonOperator.NotEqual;
                }
            }
        }

        return op == ComparisonOperator.NotEqual && anyScored;
    }
}
