namespace Remedora.Intake;

/// <summary>A score the form computes from its answers, for example the PHQ-9 total.</summary>
public sealed record FormScore
{
    /// <summary>Gets the name by which red-flag rules and results refer to the score, for example <c>total</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets a title for clinicians.</summary>
    public string? Title { get; init; }

    /// <summary>Gets how the score is computed.</summary>
    /// <value>The default is <see cref="ScoreMethod.SumOfOrdinals"/>.</value>
    public ScoreMethod Method { get; init; } = ScoreMethod.SumOfOrdinals;

    /// <summary>
    /// Gets the linkIds of the items whose option scores are summed (<see cref="ScoreMethod.SumOfOrdinals"/>); empty sums
    /// every item whose options have scores.
    /// </summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Gets the expression that computes the score (<see cref="ScoreMethod.Expression"/>).</summary>
    public FormExpression? Expression { get; init; }

    /// <summary>Gets the interpretation bands, in order.</summary>
    public IReadOnlyList<ScoreBand> Bands { get; init; } = [];
}
