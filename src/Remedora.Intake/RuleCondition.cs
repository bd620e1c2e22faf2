using System.Text.Json.Serialization;

namespace Remedora.Intake;

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
