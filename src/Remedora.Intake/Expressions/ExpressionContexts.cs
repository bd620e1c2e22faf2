using System.Collections.Concurrent;

namespace Remedora.Intake.Expressions;

/// <summary>Where an expression appears in a definition, given to <see cref="IExpressionLanguage.Compile"/>.</summary>
public sealed class ExpressionCompilationContext
{
    private readonly ConcurrentDictionary<string, object> _shared;

    internal ExpressionCompilationContext(FormDefinition definition, FormItem? item, ExpressionRole role, IReadOnlyList<string> variablesInScope, ConcurrentDictionary<string, object> shared)
    {
        Definition = definition;
        Item = item;
        Role = role;
        VariablesInScope = variablesInScope;
        _shared = shared;
    }

    /// <summary>Gets the definition being compiled.</summary>
    public FormDefinition Definition { get; }

    /// <summary>Gets the item the expression belongs to.</summary>
    /// <value>The item; <see langword="null"/> for form-level expressions (variables, scores, red-flag conditions).</value>
    public FormItem? Item { get; }

    /// <summary>Gets what the expression is used for.</summary>
    public ExpressionRole Role { get; }

    /// <summary>Gets the names of the variables the expression may refer to, in the order they are computed.</summary>
    public IReadOnlyList<string> VariablesInScope { get; }

    /// <summary>
    /// Gets or creates state shared by every expression of this definition version, for example a language's own
    /// representation of the definition, built once.
    /// </summary>
    /// <typeparam name="T">The type of state.</typeparam>
    /// <param name="key">The key; prefix it with the language, for example <c>fhirpath:questionnaire</c>.</param>
    /// <param name="factory">Creates the state from the definition.</param>
    /// <returns>The state.</returns>
    public T GetOrAddShared<T>(string key, Func<FormDefinition, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);
        return (T)_shared.GetOrAdd(key, static (_, s) => s.factory(s.definition), (factory, definition: Definition));
    }
}

/// <summary>One step of an item's path: the linkId and which occurrence of it among its siblings.</summary>
/// <param name="LinkId">The linkId.</param>
/// <param name="Occurrence">The 0-based occurrence among siblings with the same linkId (a repeating group's repetition).</param>
public readonly record struct ItemPathSegment(string LinkId, int Occurrence);

/// <summary>The item an item-level expression is evaluated for (FHIRPath <c>%context</c>).</summary>
public sealed class ExpressionItemContext
{
    internal ExpressionItemContext(FormItem item, string path, IReadOnlyList<ItemPathSegment> segments, IReadOnlyList<AnswerValue> answers)
    {
        Item = item;
        Path = path;
        Segments = segments;
        Answers = answers;
    }

    /// <summary>Gets the item's definition.</summary>
    public FormItem Item { get; }

    /// <summary>Gets the linkId.</summary>
    public string LinkId => Item.LinkId;

    /// <summary>Gets the path of this occurrence, as used in validation problems, for example <c>item[meds][1].item[dose]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the path from the top of the form to this occurrence.</summary>
    public IReadOnlyList<ItemPathSegment> Segments { get; }

    /// <summary>Gets the current answers of this occurrence.</summary>
    public IReadOnlyList<AnswerValue> Answers { get; }
}

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
