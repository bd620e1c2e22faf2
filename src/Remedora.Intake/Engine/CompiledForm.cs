using System.Collections.Concurrent;

namespace Remedora.Intake.Engine;

/// <summary>
/// A form definition checked and compiled once: items indexed, conditions routed, expressions compiled. Evaluating
/// answers against it does no parsing. Safe to use from several threads at once.
/// </summary>
public sealed class CompiledForm
{
    private readonly ConcurrentDictionary<(int From, int To), (int LevelsUp, ItemNode[] PathDown)> _routes = new();
    private readonly Dictionary<string, decimal> _scoresByCode;

    internal CompiledForm(
        FormDefinition definition,
        FormEngineOptions options,
        ItemNode[] nodes,
        ItemNode[] roots,
        Dictionary<string, ItemNode> byLinkId,
        ItemNode[] enableOrder,
        CompiledVariable[] formVariables,
        CompiledScore[] scores,
        CompiledRedFlag[] redFlags,
        IReadOnlyList<FormDefinitionIssue> warnings)
    {
        Definition = definition;
        Options = options;
        Nodes = nodes;
        Roots = roots;
        ByLinkId = byLinkId;
        EnableOrder = enableOrder;
        FormVariables = formVariables;
        Scores = scores;
        RedFlags = redFlags;
        Warnings = warnings;
        CalculatedNodes = nodes.Where(n => n.Calculated is not null).ToArray();
        UnavailableCalculations = nodes.Where(n => n.CalculationUnavailable).ToArray();
        IsDynamic = formVariables.Length > 0 || nodes.Any(n => n.Calculated is not null || n.EnableWhenExpression is not null || n.Variables.Length > 0);
        DefaultContentTypes = [.. options.AllowedAttachmentContentTypes];
        _scoresByCode = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            for (var i = 0; i < node.AllowedValues.Length; i++)
            {
                if (node.AllowedValues[i] is CodingAnswer { Value: { Code: { } code } coding } && node.AllowedScores[i] is { } score)
                {
                    _scoresByCode.TryAdd($"{coding.System}|{code}", score);
                    _scoresByCode.TryAdd($"|{code}", score);
                }
            }
        }

        foreach (var valueSet in definition.ValueSets ?? [])
        {
            foreach (var concept in valueSet?.Concepts ?? [])
            {
                if (concept?.Code is { } code && concept.Score is { } score)
                {
                    _scoresByCode.TryAdd($"{concept.System}|{code}", score);
                    _scoresByCode.TryAdd($"|{code}", score);
                }
            }
        }
    }

    /// <summary>Gets the definition.</summary>
    public FormDefinition Definition { get; }

    /// <summary>Gets the definition's reference.</summary>
    public FormVersionReference Reference => Definition.Reference;

    /// <summary>Gets the issues found when the definition was loaded that did not stop it from loading.</summary>
    public IReadOnlyList<FormDefinitionIssue> Warnings { get; }

    internal FormEngineOptions Options { get; }

    internal ItemNode[] Nodes { get; }

    internal ItemNode[] Roots { get; }

    internal Dictionary<string, ItemNode> ByLinkId { get; }

    internal ItemNode[] EnableOrder { get; }

    internal ItemNode[] CalculatedNodes { get; }

    /// <summary>Gets the items whose calculation was kept from import but cannot be evaluated.</summary>
    internal ItemNode[] UnavailableCalculations { get; }

    internal CompiledVariable[] FormVariables { get; }

    internal CompiledScore[] Scores { get; }

    internal CompiledRedFlag[] RedFlags { get; }

    internal bool IsDynamic { get; }

    internal string[] DefaultContentTypes { get; }

    /// <summary>
    /// Evaluates answers: which items are enabled, what is invalid, calculated values, scores and red flags. Never throws
    /// for any set of answers: every problem is in the result.
    /// </summary>
    /// <param name="response">The answers.</param>
    /// <returns>The evaluation.</returns>
    public FormEvaluation Evaluate(FormResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return new EvaluationRun(this, response).Run();
        }
#pragma warning disable CA1031 // The engine never throws for an answer set; an unexpected failure is reported as a problem.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return FormEvaluation.Failed(this, response, ex);
        }
    }

    /// <summary>
    /// Creates the answers a new form starts with: initial values, options selected at start, and initial expressions.
    /// </summary>
    /// <returns>The initial answers, to this definition's version.</returns>
    public FormResponse CreateInitialResponse()
        => new EvaluationRun(this, new FormResponse { Form = Reference }).BuildInitial();

    internal (int LevelsUp, ItemNode[] PathDown) Route(ItemNode from, ItemNode to)
        => _routes.GetOrAdd((from.Index, to.Index), static (_, nodes) => ComputeRoute(nodes.from, nodes.to), (from, to));

    internal decimal? FindScore(AnswerValue value)
        => value is CodingAnswer { Value: { Code: { } code } coding }
            && (_scoresByCode.TryGetValue($"{coding.System}|{code}", out var score) || (coding.System is null && _scoresByCode.TryGetValue($"|{code}", out score)))
                ? score
                : null;

    private static (int, ItemNode[]) ComputeRoute(ItemNode from, ItemNode to)
    {
        var down = new List<ItemNode>();
        var b = to;
        while (b.Depth > from.Depth)
        {
            down.Add(b);
            b = b.Parent!;
        }

        var a = from;
        while (a.Depth > b.Depth)
        {
            a = a.Parent!;
        }

        ItemNode? x = a;
        ItemNode? y = b;
        while (!ReferenceEquals(x, y))
        {
            down.Add(y!);
            x = x!.Parent;
            y = y!.Parent;
        }

        down.Reverse();
        return (from.Depth - (x?.Depth ?? 0), [.. down]);
    }
}
