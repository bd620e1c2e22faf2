namespace Remedora.Intake;

/// <summary>How a <see cref="FormScore"/> is computed.</summary>
public enum ScoreMethod
{
    /// <summary>The sum of the scores (ordinal values) of the chosen answer options of the listed items.</summary>
    SumOfOrdinals = 0,

    /// <summary>The numeric result of <see cref="FormScore.Expression"/>.</summary>
    Expression = 1,
}
