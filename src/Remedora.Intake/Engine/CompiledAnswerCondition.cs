namespace Remedora.Intake.Engine;

internal sealed class CompiledAnswerCondition(ItemNode node, ComparisonOperator op, AnswerValue value) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run) => AnswerComparison.Satisfies(run.EnabledAnswers(node), op, value);
}
