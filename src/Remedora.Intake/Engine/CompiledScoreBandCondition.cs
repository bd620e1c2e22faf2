namespace Remedora.Intake.Engine;

internal sealed class CompiledScoreBandCondition(int scoreIndex, string band) : CompiledRuleCondition
{
    public override bool? Evaluate(EvaluationRun run)
        => run.ScoreBand(scoreIndex) is { } b && string.Equals(b.Code, band, StringComparison.Ordinal);
}
