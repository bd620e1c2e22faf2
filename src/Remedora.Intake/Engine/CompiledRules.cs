namespace Remedora.Intake.Engine;

/// <summary>A compiled score.</summary>
internal sealed class CompiledScore(FormScore source, ItemNode[] items, CompiledExpr? expression)
{
    public FormScore Source { get; } = source;

    public ItemNode[] Items { get; } = items;

    public CompiledExpr? Expression { get; } = expression;
}

/// <summary>A compiled red-flag rule.</summary>
internal sealed class CompiledRedFlag(RedFlagRule source, CompiledRuleCondition condition)
{
    public RedFlagRule Source { get; } = source;

    public CompiledRuleCondition Condition { get; } = condition;
}

/// <summary>A compiled red-flag condition; evaluates to true, false or unknown (<see langword="null"/>).</summary>
internal abstract class CompiledRuleCondition
{
    public abstract bool? Evaluate(EvaluationRun run);
}

internal sealed class CompiledAnswerCondition(ItemNode node, ComparisonOperator op, AnswerValue value) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run) => AnswerComparison.Satisfies(run.EnabledAnswers(node), op, value);
}

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

internal sealed class CompiledScoreCondition(int scoreIndex, ComparisonOperator op, decimal value) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
        => run.ScoreValue(scoreIndex) is { } score && AnswerComparison.Test(score, op, value);
}

internal sealed class CompiledScoreBandCondition(int scoreIndex, string band) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
        => run.ScoreBand(scoreIndex) is { } b && string.Equals(b.Code, band, StringComparison.Ordinal);
}

internal sealed class CompiledExpressionCondition(CompiledExpr expression) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
    {
        var result = run.EvaluateFormExpression(expression);
        return result is null ? null : result.AsBoolean() ?? false;
    }
}

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
