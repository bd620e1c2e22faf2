using Remedora.Clinical;

namespace Remedora.Intake.Engine;

/// <summary>
/// The result of evaluating answers against a form: enabled items, validation problems, calculated values, scores and
/// red flags. Answers to disabled items are dropped from <see cref="Response"/>, as SDC specifies.
/// </summary>
public sealed class FormEvaluation
{
    private readonly EvaluationRun? _run;
    private readonly FormResponse? _failedResponse;
    private FormResponse? _response;
    private ItemState[]? _items;

    internal FormEvaluation(EvaluationRun run, List<ValidationProblem>? problems, List<ValidationProblem>? warnings, List<ValidationProblem>? diagnostics, ScoreResult[] scores, RedFlag[] redFlags)
    {
        _run = run;
        Form = run.Form.Reference;
        Problems = problems is null ? [] : problems;
        Warnings = warnings is null ? [] : warnings;
        Diagnostics = diagnostics is null ? [] : diagnostics;
        Scores = scores;
        RedFlags = redFlags;
    }

    private FormEvaluation(FormVersionReference form, FormResponse response, ValidationProblem problem)
    {
        Form = form;
        _failedResponse = response;
        Problems = [problem];
        Warnings = [];
        Diagnostics = [];
        Scores = [];
        RedFlags = [];
    }

    /// <summary>Gets the form version the answers were evaluated against.</summary>
    public FormVersionReference Form { get; }

    /// <summary>Gets a value indicating whether the answers have no problems (warnings and diagnostics do not count).</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Gets every problem of the answers, each with the item path, a stable code (<see cref="IntakeProblemCodes"/>) and a message for the patient.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Gets problems of the answers that do not make them invalid (constraints of severity warning).</summary>
    public IReadOnlyList<ValidationProblem> Warnings { get; }

    /// <summary>
    /// Gets problems of the form rather than of the answers (an expression that failed, a calculation of the wrong type);
    /// the form's publisher should fix them. They do not make the answers invalid.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Diagnostics { get; }

    /// <summary>Gets the scores, in the order the form declares them.</summary>
    public IReadOnlyList<ScoreResult> Scores { get; }

    /// <summary>Gets the red flags raised, in the order the form declares their rules.</summary>
    public IReadOnlyList<RedFlag> RedFlags { get; }

    /// <summary>Gets the most serious red-flag severity.</summary>
    /// <value>The severity; <see langword="null"/> when no flag was raised.</value>
    public RedFlagSeverity? HighestSeverity => RedFlagSummary.HighestSeverity(RedFlags);

    /// <summary>Gets a value indicating whether the red flags forbid approving the case asynchronously.</summary>
    public bool BlocksAsyncApproval => RedFlagSummary.BlocksAsyncApproval(RedFlags);

    /// <summary>Gets a value indicating whether a red flag asks for a live visit.</summary>
    public bool RequiresLiveVisit => RedFlagSummary.RequiresLiveVisit(RedFlags);

    /// <summary>
    /// Gets the answers as they stand after evaluation: only enabled items, with calculated values; this is what is
    /// stored on submission.
    /// </summary>
    public FormResponse Response => _response ??= _run?.BuildResponse(includeDisabled: false) ?? _failedResponse!;

    /// <summary>Gets the state of every occurrence of every item, in form order.</summary>
    public IReadOnlyList<ItemState> Items => _items ??= BuildItems();

    /// <summary>Gets the value of a score.</summary>
    /// <param name="name">The score's name.</param>
    /// <returns>The value; <see langword="null"/> when the form has no such score or it has no value.</returns>
    public decimal? Score(string name) => GetScore(name)?.Value;

    /// <summary>Gets a score's result.</summary>
    /// <param name="name">The score's name.</param>
    /// <returns>The result; <see langword="null"/> when the form has no such score.</returns>
    public ScoreResult? GetScore(string name)
    {
        foreach (var score in Scores)
        {
            if (string.Equals(score.Name, name, StringComparison.Ordinal))
            {
                return score;
            }
        }

        return null;
    }

    /// <summary>Determines whether any occurrence of an item is enabled.</summary>
    /// <param name="linkId">The item.</param>
    /// <returns><see langword="true"/> when at least one occurrence is enabled.</returns>
    public bool IsEnabled(string linkId)
    {
        foreach (var item in Items)
        {
            if (item.Enabled && string.Equals(item.LinkId, linkId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the answers kept for a question, over its enabled occurrences (calculated values included).</summary>
    /// <param name="linkId">The question.</param>
    /// <returns>The answers.</returns>
    public IReadOnlyList<AnswerValue> AnswersOf(string linkId)
    {
        var answers = new List<AnswerValue>();
        foreach (var item in Items)
        {
            if (item.Enabled && string.Equals(item.LinkId, linkId, StringComparison.Ordinal))
            {
                answers.AddRange(item.Answers);
            }
        }

        return answers;
    }

    /// <summary>Throws when the answers have problems.</summary>
    /// <exception cref="ValidationFailedException">The answers have at least one problem; the exception lists them all.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(Problems);
        }
    }

    internal static FormEvaluation Failed(CompiledForm form, FormResponse response, Exception exception)
        => new(
            form.Reference,
            response,
            new ValidationProblem(string.Empty, IntakeProblemCodes.EvaluationFailed, $"These answers could not be checked ({exception.GetType().Name}). Please try again later."));

    private ItemState[] BuildItems()
    {
        if (_run is null)
        {
            return [];
        }

        var all = _run.AllInstances;
        var items = new ItemState[all.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var instance = all[i];
            var node = instance.Node!;
            items[i] = new ItemState(node.LinkId, instance.Path, instance.Enabled, node.Item.Hidden, instance.Enabled ? instance.Answers : [], instance.Calculated);
        }

        return items;
    }
}
