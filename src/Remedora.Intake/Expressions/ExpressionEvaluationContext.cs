namespace Remedora.Intake.Expressions;

/// <summary>
/// What an expression is evaluated against: the current answers (answers of disabled items dropped, calculated values
/// applied), the variables in scope and, for item-level expressions, the context item.
/// </summary>
public abstract class ExpressionEvaluationContext
{
    private protected ExpressionEvaluationContext()
    {
    }

    /// <summary>Gets the definition (FHIRPath <c>%questionnaire</c>).</summary>
    public abstract FormDefinition Definition { get; }

    /// <summary>
    /// Gets the current answers as a response (FHIRPath <c>%resource</c>): only enabled items, with calculated values.
    /// Built on first use and rebuilt when <see cref="Revision"/> changes.
    /// </summary>
    public abstract FormResponse Response { get; }

    /// <summary>Gets the context item of an item-level expression.</summary>
    /// <value>The item; <see langword="null"/> for form-level expressions.</value>
    public abstract ExpressionItemContext? Item { get; }

    /// <summary>Gets a number that changes whenever the answers change during an evaluation, to key caches on.</summary>
    public abstract int Revision { get; }

    /// <summary>Gets the value of a variable in scope.</summary>
    /// <param name="name">The variable's name (without <c>%</c>).</param>
    /// <param name="value">The value when the variable is in scope and computed.</param>
    /// <returns><see langword="true"/> when the variable is in scope.</returns>
    public abstract bool TryGetVariable(string name, out ExpressionResult value);

    /// <summary>
    /// Gets the current answers of a question. Within a repeating group, the occurrence in the same repetition as the
    /// context item; otherwise every enabled occurrence.
    /// </summary>
    /// <param name="linkId">The question.</param>
    /// <returns>The answers; empty when unanswered, disabled or unknown.</returns>
    public abstract IReadOnlyList<AnswerValue> Answers(string linkId);

    /// <summary>Gets the first current answer of a question.</summary>
    /// <param name="linkId">The question.</param>
    /// <returns>The answer, or <see langword="null"/>.</returns>
    public AnswerValue? Answer(string linkId)
    {
        var answers = Answers(linkId);
        return answers.Count == 0 ? null : answers[0];
    }

    /// <summary>Gets the score (ordinal value) of the answers of a question: the sum of its chosen options' scores.</summary>
    /// <param name="linkId">The question.</param>
    /// <returns>The score; <see langword="null"/> when no answer has a score.</returns>
    public decimal? Ordinal(string linkId)
    {
        decimal? sum = null;
        foreach (var answer in Answers(linkId))
        {
            if (OptionScore(linkId, answer) is { } s)
            {
                sum = (sum ?? 0m) + s;
            }
        }

        return sum;
    }

    /// <summary>Gets the sum of the scores of the answers of several questions.</summary>
    /// <param name="linkIds">The questions.</param>
    /// <returns>The sum; <see langword="null"/> when none has a score.</returns>
    public decimal? SumOfOrdinals(params string[] linkIds)
    {
        ArgumentNullException.ThrowIfNull(linkIds);
        decimal? sum = null;
        foreach (var linkId in linkIds)
        {
            if (Ordinal(linkId) is { } s)
            {
                sum = (sum ?? 0m) + s;
            }
        }

        return sum;
    }

    /// <summary>
    /// Gets the score (SDC ordinal value) of a value as an answer: from the item's answer options or its value set when
    /// <paramref name="linkId"/> is given, otherwise from any option or value-set concept of the form that matches a coding.
    /// </summary>
    /// <param name="linkId">The question, or <see langword="null"/> to search the whole form.</param>
    /// <param name="value">The value.</param>
    /// <returns>The score, or <see langword="null"/> when the value has none.</returns>
    public abstract decimal? OptionScore(string? linkId, AnswerValue value);

    /// <summary>Gets the value of a score computed earlier in the evaluation (scores are computed in declaration order).</summary>
    /// <param name="name">The score's name.</param>
    /// <returns>The value, or <see langword="null"/> when not computed or not known.</returns>
    public abstract decimal? Score(string name);

    /// <summary>
    /// Gets or creates state for this evaluation and the current <see cref="Revision"/>, for example a language's own
    /// representation of <see cref="Response"/>. The state is dropped when the answers change.
    /// </summary>
    /// <typeparam name="T">The type of state.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="factory">Creates the state.</param>
    /// <returns>The state.</returns>
    public abstract T GetOrAddState<T>(string key, Func<ExpressionEvaluationContext, T> factory)
        where T : class;
}
