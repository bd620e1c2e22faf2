using System.Text.Json.Serialization;
using Remedora.Clinical;

namespace Remedora.Intake;

/// <summary>How a <see cref="FormScore"/> is computed.</summary>
public enum ScoreMethod
{
    /// <summary>The sum of the scores (ordinal values) of the chosen answer options of the listed items.</summary>
    SumOfOrdinals = 0,

    /// <summary>The numeric result of <see cref="FormScore.Expression"/>.</summary>
    Expression = 1,
}

/// <summary>An interpretation band of a score, for example PHQ-9 10 to 14 = moderate. Bounds are inclusive.</summary>
/// <param name="Code">A stable code of the band, for example <c>moderate</c>.</param>
/// <param name="Min">The lowest score in the band.</param>
/// <param name="Max">The highest score in the band.</param>
/// <param name="Label">A label for clinicians, for example <c>Moderate depression</c>.</param>
public sealed record ScoreBand(string Code, decimal Min, decimal Max, string? Label = null);

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

/// <summary>
/// A declarative rule that raises a <see cref="RedFlag"/> when its condition holds: an answer or score that needs a
/// clinician's attention or makes asynchronous care unsafe (for example PHQ-9 item 9 above 0).
/// </summary>
public sealed record RedFlagRule
{
    /// <summary>Gets the stable id of the rule, unique within the form, for example <c>phq9-self-harm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the condition that raises the flag.</summary>
    public required RuleCondition When { get; init; }

    /// <summary>Gets the severity of the flag.</summary>
    public required RedFlagSeverity Severity { get; init; }

    /// <summary>Gets what the care path should do.</summary>
    public required RedFlagAction Action { get; init; }

    /// <summary>Gets the description shown to clinicians with the flag; it must not contain patient data.</summary>
    public string? Description { get; init; }
}

/// <summary>A condition of a <see cref="RedFlagRule"/> on answers, option scores, scores or an expression.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AnswerCondition), "answer")]
[JsonDerivedType(typeof(OrdinalCondition), "ordinal")]
[JsonDerivedType(typeof(ScoreCondition), "score")]
[JsonDerivedType(typeof(ScoreBandCondition), "scoreBand")]
[JsonDerivedType(typeof(ExpressionCondition), "expression")]
[JsonDerivedType(typeof(AllCondition), "all")]
[JsonDerivedType(typeof(AnyCondition), "any")]
public abstract record RuleCondition
{
    private protected RuleCondition()
    {
    }

    /// <summary>Creates a condition on a question's answers, with the semantics of enableWhen.</summary>
    /// <param name="linkId">The question.</param>
    /// <param name="op">The comparison.</param>
    /// <param name="value">The comparand.</param>
    /// <returns>The condition.</returns>
    public static AnswerCondition Answer(string linkId, ComparisonOperator op, AnswerValue value) => new(linkId, op, value);

    /// <summary>Creates a condition on the score (ordinal value) of a question's chosen option, for example PHQ-9 item 9 &gt; 0.</summary>
    /// <param name="linkId">The question.</param>
    /// <param name="op">The comparison (not <see cref="ComparisonOperator.Exists"/>).</param>
    /// <param name="value">The comparand.</param>
    /// <returns>The condition.</returns>
    public static OrdinalCondition Ordinal(string linkId, ComparisonOperator op, decimal value) => new(linkId, op, value);

    /// <summary>Creates a condition on a score.</summary>
    /// <param name="score">The score's name.</param>
    /// <param name="op">The comparison (not <see cref="ComparisonOperator.Exists"/>).</param>
    /// <param name="value">The comparand.</param>
    /// <returns>The condition.</returns>
    public static ScoreCondition ScoreIs(string score, ComparisonOperator op, decimal value) => new(score, op, value);

    /// <summary>Creates a condition that a score falls in one of its bands.</summary>
    /// <param name="score">The score's name.</param>
    /// <param name="band">The band's code.</param>
    /// <returns>The condition.</returns>
    public static ScoreBandCondition ScoreInBand(string score, string band) => new(score, band);

    /// <summary>Creates a condition that an expression is true.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The condition.</returns>
    public static ExpressionCondition IsTrue(FormExpression expression) => new(expression);

    /// <summary>Creates a condition that every one of the conditions holds.</summary>
    /// <param name="conditions">The conditions.</param>
    /// <returns>The condition.</returns>
    public static AllCondition All(params RuleCondition[] conditions) => new(conditions);

    /// <summary>Creates a condition that at least one of the conditions holds.</summary>
    /// <param name="conditions">The conditions.</param>
    /// <returns>The condition.</returns>
    public static AnyCondition Any(params RuleCondition[] conditions) => new(conditions);
}

/// <summary>Holds when a question's enabled answers compare with <paramref name="Value"/> as enableWhen does.</summary>
/// <param name="LinkId">The question.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand; a <see cref="BooleanAnswer"/> for <see cref="ComparisonOperator.Exists"/>.</param>
public sealed record AnswerCondition(string LinkId, ComparisonOperator Operator, AnswerValue Value) : RuleCondition;

/// <summary>Holds when the score of a chosen answer option of the question compares with <paramref name="Value"/>.</summary>
/// <param name="LinkId">The question.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand.</param>
public sealed record OrdinalCondition(string LinkId, ComparisonOperator Operator, decimal Value) : RuleCondition;

/// <summary>Holds when a score compares with <paramref name="Value"/>.</summary>
/// <param name="Score">The score's name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The comparand.</param>
public sealed record ScoreCondition(string Score, ComparisonOperator Operator, decimal Value) : RuleCondition;

/// <summary>Holds when a score falls in the named band.</summary>
/// <param name="Score">The score's name.</param>
/// <param name="Band">The band's code.</param>
public sealed record ScoreBandCondition(string Score, string Band) : RuleCondition;

/// <summary>Holds when the expression evaluates to <see langword="true"/>.</summary>
/// <param name="Expression">The expression.</param>
public sealed record ExpressionCondition(FormExpression Expression) : RuleCondition;

/// <summary>Holds when every condition holds.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AllCondition(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;

/// <summary>Holds when at least one condition holds.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AnyCondition(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;
