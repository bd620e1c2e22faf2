using System.Globalization;
using System.Text.RegularExpressions;
using Remedora.Clinical;
using Remedora.Intake.Expressions;

namespace Remedora.Intake.Engine;

/// <summary>One evaluation of a response against a compiled form. Single-threaded; never reused.</summary>
internal sealed partial class EvaluationRun
{
    private const int MaxExpressionDepth = 64;

    private readonly CompiledForm _form;
    private readonly FormResponse _response;
    private readonly Instance _root = new(null, null, 0, true) { Enabled = true };
    private readonly Instance?[] _firstByNode;
    private readonly List<Instance> _all = [];
    private readonly RunContext _context;
    private readonly (int Revision, ExpressionResult? Value)[] _formVariables;
    private List<ValidationProblem>? _problems;
    private List<ValidationProblem>? _warnings;
    private List<ValidationProblem>? _diagnostics;
    private List<Instance>? _targetBuffer;
    private int _revision = 1;
    private int _depth;
    private bool _authorOwned;
    private string? _missingVariable;
    private decimal?[] _scoreValues = [];
    private ScoreBand?[] _scoreBands = [];

    public EvaluationRun(CompiledForm form, FormResponse response)
    {
        _form = form;
        _response = response;
        _firstByNode = new Instance?[form.Nodes.Length];
        _formVariables = new (int, ExpressionResult?)[form.FormVariables.Length];
        _context = new RunContext(this);
    }

    public int Revision => _revision;

    public CompiledForm Form => _form;

    public FormEvaluation Run()
    {
        if (!string.Equals(_response.Form?.Url, _form.Definition.Url, StringComparison.Ordinal)
            || !string.Equals(_response.Form?.Version, _form.Definition.Version, StringComparison.Ordinal))
        {
            Problem(string.Empty, IntakeProblemCodes.FormVersionMismatch, "These answers are for a different version of this form. Start the form again.");
        }

        BindList(_root, null, _response.Items);
        Complete(_root);
        Link(_root);
        Settle();
        ReportOverriddenCalculations();
        ReportUnavailableCalculations();
        Validate();
        ComputeScores();
        var flags = RaiseRedFlags();
        return new FormEvaluation(this, _problems, _warnings, _diagnostics, BuildScores(), flags);
    }

    /// <summary>Prepares a run for <see cref="CompiledForm.CreateInitialResponse"/>: every item, no answers.</summary>
    public FormResponse BuildInitial()
    {
        Complete(_root);
        Link(_root);
        foreach (var instance in _all)
        {
            if (instance.Node is { IsQuestion: true } node && node.Initial.Length > 0)
            {
                instance.Answers = node.Initial;
            }
        }

        foreach (var instance in _all)
        {
            instance.Enabled = true;
        }

        _revision++;
        foreach (var instance in _all)
        {
            if (instance.Node is { IsQuestion: true, InitialExpression: { } expression } node)
            {
                var result = Evaluate(expression, instance);
                if (result is not null && Coerce(result, node, expression.Path) is { Length: > 0 } values)
                {
                    instance.Answers = values;
                    _revision++;
                }
            }
        }

        return BuildResponse(includeDisabled: true);
    }

    internal IReadOnlyList<Instance> AllInstances => _all;

    internal IReadOnlyList<ValidationProblem>? Diagnostics => _diagnostics;

    // ---------------------------------------------------------------- binding

    private void BindList(Instance parent, ItemNode? parentNode, IReadOnlyList<ResponseItem>? items)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item?.LinkId is null)
            {
                Problem(ChildPath(parent, "?"), IntakeProblemCodes.UnknownItem, "An answer does not say which question it is for.");
                continue;
            }

            var node = parentNode is null ? FindRoot(item.LinkId) : parentNode.FindChild(item.LinkId);
            if (node is null)
            {
                if (_form.ByLinkId.ContainsKey(item.LinkId))
                {
                    Problem(ChildPath(parent, item.LinkId), IntakeProblemCodes.MisplacedItem, "This answer is in the wrong part of the form.");
                }
                else
                {
                    Problem(ChildPath(parent, item.LinkId), IntakeProblemCodes.UnknownItem, "This answer is to a question the form does not have.");
                }

                continue;
            }

            var occurrence = parent.CountChildrenOf(node);
            var instance = new Instance(node, parent, occurrence, present: true) { Text = item.Text };
            parent.AddChild(instance);
            if (occurrence > 0 && !node.Item.Repeats)
            {
                Problem(instance.Path, IntakeProblemCodes.Repeats, node.IsQuestion ? "This question takes only one answer." : "This section can be filled in only once.");
            }

            var answers = item.Answers ?? [];
            if (node.IsQuestion)
            {
                instance.Answers = ReadAnswers(instance, answers);
                foreach (var answer in answers)
                {
                    if (answer?.Items is { Count: > 0 } nested)
                    {
                        BindList(instance, node, nested);
                    }
                }
            }
            else if (answers.Count > 0)
            {
                Problem(instance.Path, IntakeProblemCodes.Type, "This part of the form takes no answer.");
            }

            BindList(instance, node, item.Items);
            Complete(instance);
        }
    }

    private AnswerValue[] ReadAnswers(Instance instance, IReadOnlyList<ResponseAnswer> answers)
    {
        if (answers.Count == 0)
        {
            return [];
        }

        var values = new AnswerValue[answers.Count];
        var count = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            var value = answers[i]?.Value;
            if (!AnswerValues.IsWellFormed(value))
            {
                Problem(AnswerPath(instance, i), IntakeProblemCodes.Type, "This answer is empty or incomplete.");
                continue;
            }

            values[count++] = value!;
        }

        if (count != values.Length)
        {
            Array.Resize(ref values, count);
        }

        return values;
    }

    private ItemNode? FindRoot(string linkId)
    {
        foreach (var node in _form.Roots)
        {
            if (string.Equals(node.LinkId, linkId, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Adds an empty occurrence for every child item the answers left out, and puts children in form order.</summary>
    private static void Complete(Instance instance, CompiledForm form)
    {
        var childNodes = instance.Node?.Children ?? form.Roots;
        foreach (var child in childNodes)
        {
            if (instance.CountChildrenOf(child) == 0)
            {
                var empty = new Instance(child, instance, 0, present: false);
                instance.AddChild(empty);
                Complete(empty, form);
            }
        }

        var children = instance.Children;
        if (children is null)
        {
            return;
        }

        // Stable insertion sort by position in the form; occurrences keep their order.
        for (var i = 1; i < children.Count; i++)
        {
            var current = children[i];
            var j = i - 1;
            while (j >= 0 && children[j].Node!.SiblingIndex > current.Node!.SiblingIndex)
            {
                children[j + 1] = children[j];
                j--;
            }

            children[j + 1] = current;
        }
    }

    private void Complete(Instance instance) => Complete(instance, _form);

    private void Link(Instance root)
    {
        var last = new Instance?[_firstByNode.Length];
        void Walk(Instance instance)
        {
            if (instance.Node is { } node)
            {
                _all.Add(instance);
                if (last[node.Index] is { } previous)
                {
                    previous.NextOfNode = instance;
                }
                else
                {
                    _firstByNode[node.Index] = instance;
                }

                last[node.Index] = instance;
            }

            if (instance.Children is { } children)
            {
                foreach (var child in children)
                {
                    Walk(child);
                }
            }
        }

        Walk(root);
    }

    // ---------------------------------------------------------------- enablement and calculation

    private void Settle()
    {
        if (!_form.IsDynamic)
        {
            ComputeEnablement();
            return;
        }

        for (var pass = 0; pass < _form.Options.MaxCalculationPasses; pass++)
        {
            var before = _revision;
            ComputeEnablement();
            ComputeCalculated();
            if (_revision == before)
            {
                return;
            }
        }

        Diagnostic(string.Empty, IntakeProblemCodes.CalculationNotStable, $"Calculated values and enable conditions did not settle after {_form.Options.MaxCalculationPasses} passes; the form's publisher should check its expressions for loops.");
    }

    private void ComputeEnablement()
    {
        foreach (var node in _form.EnableOrder)
        {
            for (var instance = _firstByNode[node.Index]; instance is not null; instance = instance.NextOfNode)
            {
                var enabled = instance.Parent!.Enabled;
                if (enabled && node.EnableWhen.Length > 0)
                {
                    enabled = ConditionsHold(instance, node);
                }

                if (enabled && node.EnableWhenExpression is { } expression)
                {
                    enabled = Evaluate(expression, instance)?.AsBoolean() ?? false;
                }

                if (instance.Enabled != enabled)
                {
                    instance.Enabled = enabled;
                    _revision++;
                }
            }
        }
    }

    private bool ConditionsHold(Instance instance, ItemNode node)
    {
        var any = node.Item.EnableBehavior == EnableBehavior.Any;
        foreach (var condition in node.EnableWhen)
        {
            var holds = AnswerComparison.Satisfies(CollectAnswers(instance, condition.LevelsUp, condition.PathDown), condition.Source.Operator, condition.Source.Answer);
            if (any && holds)
            {
                return true;
            }

            if (!any && !holds)
            {
                return false;
            }
        }

        return !any;
    }

    /// <summary>Finds the occurrences of a question reachable from an occurrence, and returns the answers of the enabled ones.</summary>
    private IReadOnlyList<AnswerValue> CollectAnswers(Instance from, int levelsUp, ItemNode[] pathDown)
    {
        var ancestor = from;
        for (var i = 0; i < levelsUp && ancestor.Parent is not null; i++)
        {
            ancestor = ancestor.Parent;
        }

        if (pathDown.Length == 0)
        {
            return ancestor.Enabled ? ancestor.Answers : [];
        }

        if (pathDown.Length == 1 && ancestor.Children is { } children)
        {
            // Common case: a sibling (or a child) question. Avoid allocating when it occurs once.
            Instance? single = null;
            var count = 0;
            foreach (var child in children)
            {
                if (ReferenceEquals(child.Node, pathDown[0]) && child.Enabled)
                {
                    single = child;
                    count++;
                }
            }

            if (count == 0)
            {
                return [];
            }

            if (count == 1)
            {
                return single!.Answers;
            }
        }

        var targets = _targetBuffer ??= [];
        targets.Clear();
        Descend(ancestor, pathDown, 0, targets);
        var answers = new List<AnswerValue>();
        foreach (var target in targets)
        {
            if (target.Enabled)
            {
                answers.AddRange(target.Answers);
            }
        }

        return answers;
    }

    private static void Descend(Instance instance, ItemNode[] path, int index, List<Instance> output)
    {
        if (instance.Children is null)
        {
            return;
        }

        foreach (var child in instance.Children)
        {
            if (!ReferenceEquals(child.Node, path[index]))
            {
                continue;
            }

            if (index == path.Length - 1)
            {
                output.Add(child);
            }
            else
            {
                Descend(child, path, index + 1, output);
            }
        }
    }

    private void ComputeCalculated()
    {
        foreach (var node in _form.CalculatedNodes)
        {
            var editable = !node.Item.ReadOnly && !node.Item.Hidden;
            for (var instance = _firstByNode[node.Index]; instance is not null; instance = instance.NextOfNode)
            {
                if (!instance.Enabled || (editable && instance.Present && !instance.Calculated && instance.Answers.Length > 0))
                {
                    continue;
                }

                var result = Evaluate(node.Calculated!, instance);
                if (result is null)
                {
                    continue;
                }

                var values = Coerce(result, node, node.Calculated!.Path);
                if (values is null)
                {
                    continue;
                }

                if (!SameValues(instance.Answers, values))
                {
                    instance.Answers = values;
                    instance.Calculated = true;
                    _revision++;
                }
            }
        }
    }

    /// <summary>
    /// An editable calculated item keeps the answer entered or stored for it (the documented rule); when that answer
    /// differs from what the expression gives now, the evaluation says so with a diagnostic at the occurrence's path
    /// (never the values).
    /// </summary>
    private void ReportOverriddenCalculations()
    {
        foreach (var node in _form.CalculatedNodes)
        {
            if (node.Item.ReadOnly || node.Item.Hidden)
            {
                continue;
            }

            for (var instance = _firstByNode[node.Index]; instance is not null; instance = instance.NextOfNode)
            {
                if (!instance.Enabled || !instance.Present || instance.Calculated || instance.Answers.Length == 0)
                {
                    continue;
                }

                var result = Evaluate(node.Calculated!, instance);
                if (result is null || Coerce(result, node, node.Calculated!.Path) is not { Length: > 0 } values)
                {
                    continue;
                }

                if (!SameValues(instance.Answers, values))
                {
                    Diagnostic(instance.Path, IntakeProblemCodes.CalculationOverridden, "The answer kept for this editable calculated item differs from what its expression calculates; the answer entered is kept, as the engine documents. Check whether the stored value is still meant.");
                }
            }
        }
    }

    /// <summary>An item whose calculation cannot be evaluated has no calculated value: every evaluation says so, per item.</summary>
    private void ReportUnavailableCalculations()
    {
        foreach (var node in _form.UnavailableCalculations)
        {
            for (var instance = _firstByNode[node.Index]; instance is not null; instance = instance.NextOfNode)
            {
                if (instance.Enabled)
                {
                    Diagnostic(node.DefinitionPath + ".calculatedExpression", IntakeProblemCodes.CalculationUnavailable, "The item's calculation came with the form but cannot be evaluated (it uses a function the engine does not support, or a variable that needs a launch context; the import reported which); the item has no calculated value.");
                    break;
                }
            }
        }
    }

    private static bool SameValues(AnswerValue[] a, AnswerValue[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]) && !(a[i].Kind == b[i].Kind && AnswerComparison.AreEqual(a[i], b[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts an expression's result to answers of the item's type; reports a diagnostic when it cannot.</summary>
    private AnswerValue[]? Coerce(ExpressionResult result, ItemNode node, string path)
    {
        if (result.IsEmpty)
        {
            return [];
        }

        var item = node.Item;
        var values = new List<AnswerValue>(result.Count);
        foreach (var raw in result)
        {
            if (raw is StringAnswer { Value: var text } && string.IsNullOrWhiteSpace(text))
            {
                // An empty calculated string (iif(a, 'X', '')) means "no value", never an empty answer.
                continue;
            }

            var converted = raw is AnswerValue value ? CoerceOne(value, item, node) : null;
            if (converted is null)
            {
                Diagnostic(path, IntakeProblemCodes.CalculationType, $"The expression's result cannot be an answer of a {item.Type} item; the form's publisher should correct the expression.");
                return null;
            }

            if (converted is StringAnswer { Value: var convertedText } && string.IsNullOrWhiteSpace(convertedText))
            {
                continue;
            }

            values.Add(converted);
        }

        if (values.Count > 1 && !item.Repeats)
        {
            Diagnostic(path, IntakeProblemCodes.CalculationType, "The expression returned several values for an item that takes one; the first is used.");
            values.RemoveRange(1, values.Count - 1);
        }

        return [.. values];
    }

    private static AnswerValue? CoerceOne(AnswerValue value, FormItem item, ItemNode node)
    {
        if (!AnswerValues.IsWellFormed(value))
        {
            return null;
        }

        if (AnswerValues.Fits(item, value, node.OptionKinds))
        {
            return value;
        }

        return (item.Type, value) switch
        {
            (FormItemType.Decimal, IntegerAnswer i) => new DecimalAnswer(i.Value),
            (FormItemType.Decimal, QuantityAnswer { Value.Value: { } q }) => new DecimalAnswer(q),
            (FormItemType.Integer, DecimalAnswer d) when d.Value == decimal.Truncate(d.Value) && d.Value is >= int.MinValue and <= int.MaxValue => new IntegerAnswer((int)d.Value),
            (FormItemType.Quantity, DecimalAnswer d) => new QuantityAnswer(new FormQuantity(d.Value, item.Unit?.Display ?? item.Unit?.Code, item.Unit?.System, item.Unit?.Code)),
            (FormItemType.Quantity, IntegerAnswer i) => new QuantityAnswer(new FormQuantity(i.Value, item.Unit?.Display ?? item.Unit?.Code, item.Unit?.System, item.Unit?.Code)),
            (FormItemType.String or FormItemType.Text, _) => new StringAnswer(value.FormatValue()),
            (FormItemType.Url, StringAnswer s) => new UriAnswer(s.Value),
            (FormItemType.DateTime, DateAnswer d) => new DateTimeAnswer(FormDateTime.Parse(d.Value.ToString())),
            (FormItemType.Date, DateTimeAnswer dt) => new DateAnswer(dt.Value.Date),
            _ => null,
        };
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>Evaluates an expression for an occurrence (or the form when <paramref name="instance"/> is null).</summary>
    /// <returns>The result, or <see langword="null"/> when the expression failed (reported as a diagnostic).</returns>
    internal ExpressionResult? Evaluate(CompiledExpr expression, Instance? instance)
    {
        var saved = _context.Current;
        var savedMissing = _missingVariable;
        _context.Current = instance;
        _missingVariable = null;
        _depth++;
        try
        {
            if (_depth > MaxExpressionDepth)
            {
                throw new InvalidOperationException("Expressions refer to each other too deeply (a variable may refer to itself).");
            }

            var result = expression.Compiled.Evaluate(_context) ?? ExpressionResult.Empty;
            if (result.IsEmpty && _missingVariable is { } missing)
            {
                ReportMissingVariable(expression, missing);
            }

            return result;
        }
#pragma warning disable CA1031 // An expression's failure is a diagnostic of the form, never an exception to the caller.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            if (_missingVariable is { } missing)
            {
                ReportMissingVariable(expression, missing);
            }
            else
            {
                Diagnostic(expression.Path, IntakeProblemCodes.ExpressionFailed, $"An expression of the form could not be evaluated: it {FailureReason(ex)} ({ex.GetType().Name}); its value is empty. The form's publisher should correct it.");
            }

            return null;
        }
        finally
        {
            _depth--;
            _context.Current = saved;
            _missingVariable = savedMissing;
        }
    }

    private void ReportMissingVariable(CompiledExpr expression, string name)
        => Diagnostic(expression.Path, IntakeProblemCodes.VariableUnknown, $"The expression uses the variable %{name}, which neither the form nor the launch context defines; its value is empty. The form's publisher should define the variable or correct the expression.");

    /// <summary>Says why an expression failed, from the kind of failure only: an engine's message can quote answers.</summary>
    private string FailureReason(Exception ex)
    {
        if (_depth > MaxExpressionDepth)
        {
            return "refers to itself, or its variables refer to each other too deeply";
        }

        var message = ex.Message;
        if (message.Contains("Unknown symbol", StringComparison.OrdinalIgnoreCase)
            || message.Contains("unknown function", StringComparison.OrdinalIgnoreCase)
            || message.Contains("is unknown", StringComparison.OrdinalIgnoreCase)
            || ex is NotSupportedException or NotImplementedException)
        {
            return "calls a function that is not supported, or not for the values given to it";
        }

        return ex switch
        {
            InvalidCastException or FormatException or OverflowException or ArithmeticException => "combines values of types that do not fit together",
            ArgumentException => "passes an argument its function does not accept",
            _ => "failed while evaluating",
        };
    }

    /// <summary>Notes that the expression being evaluated asked for a variable nobody defines.</summary>
    internal void VariableNotFound(string name) => _missingVariable ??= name;

    internal ExpressionResult? EvaluateFormExpression(CompiledExpr expression) => Evaluate(expression, null);

    private ExpressionResult FormVariable(int index)
    {
        var cached = _formVariables[index];
        if (cached.Revision == _revision && cached.Value is not null)
        {
            return cached.Value;
        }

        var value = Evaluate(_form.FormVariables[index].Expression, null) ?? ExpressionResult.Empty;
        _formVariables[index] = (_revision, value);
        return value;
    }

    private ExpressionResult ItemVariable(Instance instance, CompiledVariable variable)
    {
        var cache = instance.VariableCache ??= new(StringComparer.Ordinal);
        if (cache.TryGetValue(variable.Name, out var cached) && cached.Revision == _revision)
        {
            return cached.Value;
        }

        var value = Evaluate(variable.Expression, instance) ?? ExpressionResult.Empty;
        cache[variable.Name] = (_revision, value);
        return value;
    }

    /// <summary>Answers of the enabled occurrences of a question reachable from an occurrence (or all, from the form).</summary>
    internal IReadOnlyList<AnswerValue> AnswersFrom(Instance? from, ItemNode node)
    {
        if (from?.Node is null)
        {
            return EnabledAnswers(node);
        }

        var route = _form.Route(from.Node, node);
        return CollectAnswers(from, route.LevelsUp, route.PathDown);
    }

    internal IReadOnlyList<AnswerValue> EnabledAnswers(ItemNode node)
    {
        var first = _firstByNode[node.Index];
        if (first is not null && first.NextOfNode is null)
        {
            return first.Enabled ? first.Answers : [];
        }

        var answers = new List<AnswerValue>();
        for (var instance = first; instance is not null; instance = instance.NextOfNode)
        {
            if (instance.Enabled)
            {
                answers.AddRange(instance.Answers);
            }
        }

        return answers;
    }

    internal FormResponse BuildResponse(bool includeDisabled)
    {
        return new FormResponse
        {
            Form = _response.Form ?? _form.Definition.Reference,
            Items = BuildItems(_root, includeDisabled),
        };
    }

    private static List<ResponseItem> BuildItems(Instance parent, bool includeDisabled)
    {
        var items = new List<ResponseItem>();
        if (parent.Children is null)
        {
            return items;
        }

        foreach (var child in parent.Children)
        {
            if ((!child.Enabled && !includeDisabled) || child.Node is null || (!includeDisabled && IsAbsentRepetition(child)))
            {
                continue;
            }

            var nested = BuildItems(child, includeDisabled);
            if (child.Node.IsQuestion)
            {
                if (child.Answers.Length == 0)
                {
                    continue;
                }

                var answers = new ResponseAnswer[child.Answers.Length];
                for (var i = 0; i < answers.Length; i++)
                {
                    answers[i] = new ResponseAnswer(child.Answers[i]) { Items = i == 0 && nested.Count > 0 ? nested : [] };
                }

                items.Add(new ResponseItem { LinkId = child.Node.LinkId, Text = child.Text ?? child.Node.Item.Text, Answers = answers });
            }
            else if (nested.Count > 0)
            {
                items.Add(new ResponseItem { LinkId = child.Node.LinkId, Text = child.Text ?? child.Node.Item.Text, Items = nested });
            }
        }

        return items;
    }

    // ---------------------------------------------------------------- validation

    private void Validate()
    {
        ValidateRepeatingChildren(_root);
        foreach (var instance in _all)
        {
            if (!instance.Enabled || InAbsentRepetition(instance))
            {
                continue;
            }

            var node = instance.Node!;
            _authorOwned = IsAuthorOwned(instance, node);
            if (node.IsQuestion)
            {
                ValidateQuestion(instance, node);
            }
            else if (node.Item.Type == FormItemType.Group && node.Item.Required && !node.IsRepeatingGroup && !HasAnswer(instance))
            {
                Problem(instance.Path, IntakeProblemCodes.Required, "Please fill in this section.");
            }

            if (instance.Children is not null)
            {
                _authorOwned = false;
                ValidateRepeatingChildren(instance);
                _authorOwned = IsAuthorOwned(instance, node);
            }

            foreach (var constraint in node.Constraints)
            {
                var result = Evaluate(constraint.Expression, instance);
                if (result?.AsBoolean() == false)
                {
                    var problem = new ValidationProblem(instance.Path, IntakeProblemCodes.ConstraintPrefix + constraint.Source.Key, constraint.Source.HumanMessage);
                    if (_authorOwned)
                    {
                        AuthorDiagnostic(instance.Path, problem.Code);
                    }
                    else if (constraint.Source.Severity == ConstraintSeverity.Warning)
                    {
                        (_warnings ??= []).Add(problem);
                    }
                    else
                    {
                        (_problems ??= []).Add(problem);
                    }
                }
            }

            _authorOwned = false;
        }
    }

    /// <summary>
    /// Determines whether an occurrence's value belongs to the form rather than to the patient: a calculated value, or
    /// any value of a calculated item the patient cannot edit (read-only or hidden). Its problems are diagnostics.
    /// </summary>
    private static bool IsAuthorOwned(Instance instance, ItemNode node)
        => instance.Calculated || (node.Calculated is not null && (node.Item.ReadOnly || node.Item.Hidden));

    private void ValidateRepeatingChildren(Instance parent)
    {
        var childNodes = parent.Node?.Children ?? _form.Roots;
        foreach (var child in childNodes)
        {
            if (!child.IsRepeatingGroup)
            {
                continue;
            }

            var anyEnabled = false;
            var count = 0;
            Instance? first = null;
            foreach (var instance in parent.Children!)
            {
                if (!ReferenceEquals(instance.Node, child) || !instance.Enabled)
                {
                    continue;
                }

                anyEnabled = true;
                first ??= instance;
                if (!IsAbsentRepetition(instance))
                {
                    count++;
                }
            }

            if (!anyEnabled)
            {
                continue;
            }

            var item = child.Item;
            var min = item.MinOccurs ?? (item.Required ? 1 : 0);
            if (count == 0 && min > 0)
            {
                Problem(first!.Path, IntakeProblemCodes.Required, "Please fill in this section.");
            }
            else if (count < min)
            {
                Problem(first!.Path, IntakeProblemCodes.MinOccurs, $"Please fill in this section at least {min} times.");
            }
            else if (item.MaxOccurs is { } max && count > max)
            {
                Problem(first!.Path, IntakeProblemCodes.MaxOccurs, $"Please fill in this section at most {max} times.");
            }
        }
    }

    /// <summary>
    /// Determines whether an occurrence is the empty stand-in for a repeating group the answers have no occurrence of:
    /// it counts as no occurrence, its items are not validated and it is left out of the response.
    /// </summary>
    private static bool IsAbsentRepetition(Instance instance)
        => instance.Node is { IsRepeatingGroup: true } && !instance.Present && !HasUserAnswer(instance);

    private static bool InAbsentRepetition(Instance instance)
    {
        for (var current = instance; current?.Node is not null; current = current.Parent)
        {
            if (current.Node.IsRepeatingGroup && IsAbsentRepetition(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUserAnswer(Instance instance)
    {
        if (instance.Children is null)
        {
            return false;
        }

        foreach (var child in instance.Children)
        {
            if ((child.Answers.Length > 0 && !child.Calculated) || HasUserAnswer(child))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAnswer(Instance instance)
    {
        if (instance.Children is null)
        {
            return false;
        }

        foreach (var child in instance.Children)
        {
            if (child.Enabled && (child.Answers.Length > 0 || HasAnswer(child)))
            {
                return true;
            }
        }

        return false;
    }

    private void ValidateQuestion(Instance instance, ItemNode node)
    {
        var item = node.Item;
        var answers = instance.Answers;
        if (answers.Length == 0)
        {
            if (item.Required || item.MinOccurs > 0)
            {
                Problem(instance.Path, IntakeProblemCodes.Required, "Please answer this question.");
            }

            return;
        }

        if (!item.Repeats && answers.Length > 1)
        {
            Problem(instance.Path, IntakeProblemCodes.Repeats, "This question takes only one answer.");
        }
        else if (item.Repeats)
        {
            if (item.MinOccurs is { } min && answers.Length < min)
            {
                Problem(instance.Path, IntakeProblemCodes.MinOccurs, $"Please give at least {min} answers.");
            }

            if (item.MaxOccurs is { } max && answers.Length > max)
            {
                Problem(instance.Path, IntakeProblemCodes.MaxOccurs, $"Please give at most {max} answers.");
            }
        }

        for (var i = 0; i < answers.Length; i++)
        {
            ValidateAnswer(instance, node, answers[i], i);
        }
    }

    private void ValidateAnswer(Instance instance, ItemNode node, AnswerValue answer, int index)
    {
        var item = node.Item;
        if (!AnswerValues.Fits(item, answer, node.OptionKinds))
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.Type, TypeMessage(item.Type));
            return;
        }

        switch (answer)
        {
            case StringAnswer s:
                ValidateText(instance, node, s.Value, index);
                break;
            case UriAnswer u:
                ValidateText(instance, node, u.Value, index);
                if (!Uri.TryCreate(u.Value, UriKind.Absolute, out _))
                {
                    Problem(AnswerPath(instance, index), IntakeProblemCodes.InvalidReference, "Please enter a full web address, such as https://example.org.");
                }

                break;
            case DecimalAnswer d:
                if (item.MaxDecimalPlaces is { } places && d.Value.Scale > places)
                {
                    Problem(AnswerPath(instance, index), IntakeProblemCodes.MaxDecimalPlaces, places == 0 ? "Please enter a whole number." : $"Please enter at most {places} digits after the decimal point.");
                }

                ValidateRange(instance, item, answer, index);
                break;
            case IntegerAnswer or DateAnswer or DateTimeAnswer or TimeAnswer:
                ValidateRange(instance, item, answer, index);
                break;
            case QuantityAnswer q:
                ValidateQuantity(instance, item, q, index);
                break;
            case AttachmentAnswer a:
                ValidateAttachment(instance, item, a.Value, index);
                break;
            case ReferenceAnswer r:
                if (string.IsNullOrWhiteSpace(r.Value.Reference))
                {
                    Problem(AnswerPath(instance, index), IntakeProblemCodes.InvalidReference, "Please choose a record.");
                }

                break;
        }

        if (node.ChecksMembership && !(item.Type == FormItemType.OpenChoice && answer is StringAnswer) && !node.IsAllowed(answer))
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.AnswerOption, "Please choose one of the listed answers.");
        }
    }

    private void ValidateText(Instance instance, ItemNode node, string text, int index)
    {
        var item = node.Item;
        if (string.IsNullOrWhiteSpace(text))
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.Empty, "This answer is empty. Please type an answer or leave the question blank.");
            return;
        }

        if (item.MaxLength is { } max && text.Length > max)
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.MaxLength, $"Please use at most {max} characters.");
        }

        if (item.MinLength is { } min && text.Length < min)
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.MinLength, $"Please use at least {min} characters.");
        }

        if (node.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(text))
                {
                    Problem(AnswerPath(instance, index), IntakeProblemCodes.Pattern, item.EntryFormat is { } format ? $"Please use the format {format}." : "This answer is not in the expected format.");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Diagnostic(node.DefinitionPath + ".regex", IntakeProblemCodes.PatternTimeout, "The form's pattern took too long to check; the form's publisher should simplify it.");
            }
        }
    }

    private void ValidateRange(Instance instance, FormItem item, AnswerValue answer, int index)
    {
        if (item.MinValue is { } min && AnswerValues.IsWellFormed(min) && AnswerComparison.Compare(answer, min) < 0)
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.MinValue, $"Please enter a value of at least {min.FormatValue()}.");
        }

        if (item.MaxValue is { } max && AnswerValues.IsWellFormed(max) && AnswerComparison.Compare(answer, max) > 0)
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.MaxValue, $"Please enter a value of at most {max.FormatValue()}.");
        }
    }

    private void ValidateQuantity(Instance instance, FormItem item, QuantityAnswer answer, int index)
    {
        var quantity = answer.Value;
        if (quantity.Value is null)
        {
            Problem(AnswerPath(instance, index), IntakeProblemCodes.Unit, "Please enter an amount.");
            return;
        }

        var units = item.UnitOptions ?? [];
        if (units.Count > 0)
        {
            var allowed = false;
            foreach (var unit in units)
            {
                if (unit is not null && new FormQuantity(0, unit.Display, unit.System, unit.Code).HasSameUnit(quantity) && (quantity.Code is not null || quantity.Unit is not null))
                {
                    allowed = true;
                    break;
                }
            }

            if (!allowed)
            {
                Problem(AnswerPath(instance, index), IntakeProblemCodes.Unit, "Please choose one of the listed units.");
            }
        }

        ValidateRange(instance, item, answer, index);
    }

    private void ValidateAttachment(Instance instance, FormItem item, FormAttachment attachment, int index)
    {
        var path = AnswerPath(instance, index);
        if (string.IsNullOrWhiteSpace(attachment.Url))
        {
            Problem(path, IntakeProblemCodes.AttachmentReference, "The file was not uploaded. Please attach it again.");
        }

        IReadOnlyCollection<string> allowed = item.AllowedContentTypes is { Count: > 0 } own ? own : (IReadOnlyCollection<string>)_form.DefaultContentTypes;
        if (allowed.Count > 0)
        {
            var type = attachment.ContentType;
            var semicolon = type?.IndexOf(';', StringComparison.Ordinal) ?? -1;
            if (semicolon >= 0)
            {
                type = type![..semicolon];
            }

            type = type?.Trim();
            var ok = false;
            foreach (var candidate in allowed)
            {
                if (type is not null && string.Equals(candidate, type, StringComparison.OrdinalIgnoreCase))
                {
                    ok = true;
                    break;
                }
            }

            if (!ok)
            {
                Problem(path, IntakeProblemCodes.ContentType, "This kind of file is not accepted here. Please attach a file of an accepted type.");
            }
        }

        var limit = item.MaxAttachmentSize ?? _form.Options.MaxAttachmentSize;
        if (limit is { } maxSize)
        {
            if (attachment.Size is not { } size || size < 0)
            {
                Problem(path, IntakeProblemCodes.AttachmentSize, "The file's size is unknown. Please attach it again.");
            }
            else if (size > maxSize)
            {
                Problem(path, IntakeProblemCodes.AttachmentSize, $"This file is too large. Please attach a file of at most {FormatSize(maxSize)}.");
            }
        }
    }

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024d):0.#} MB")
        : bytes >= 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB") : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private static string TypeMessage(FormItemType type) => type switch
    {
        FormItemType.Boolean => "Please answer yes or no.",
        FormItemType.Decimal => "Please enter a number.",
        FormItemType.Integer => "Please enter a whole number.",
        FormItemType.Date => "Please enter a date.",
        FormItemType.DateTime => "Please enter a date and time.",
        FormItemType.Time => "Please enter a time.",
        FormItemType.String or FormItemType.Text => "Please type your answer.",
        FormItemType.Url => "Please enter a web address.",
        FormItemType.Choice or FormItemType.OpenChoice => "Please choose one of the listed answers.",
        FormItemType.Attachment => "Please attach a file.",
        FormItemType.Reference => "Please choose a record.",
        FormItemType.Quantity => "Please enter an amount.",
        _ => "This answer is not the right kind of value for this question.",
    };

    // ---------------------------------------------------------------- scores and red flags

    private void ComputeScores()
    {
        var scores = _form.Scores;
        _scoreValues = new decimal?[scores.Length];
        _scoreBands = new ScoreBand?[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            decimal? value = null;
            if (score.Source.Method == ScoreMethod.Expression)
            {
                if (score.Expression is not null)
                {
                    value = Evaluate(score.Expression, null)?.AsDecimal();
                }
            }
            else
            {
                foreach (var node in score.Items)
                {
                    for (var instance = _firstByNode[node.Index]; instance is not null; instance = instance.NextOfNode)
                    {
                        if (!instance.Enabled)
                        {
                            continue;
                        }

                        foreach (var answer in instance.Answers)
                        {
                            if (node.ScoreOf(answer) is { } s)
                            {
                                value = (value ?? 0m) + s;
                            }
                        }
                    }
                }
            }

            _scoreValues[i] = value;
            if (value is { } v)
            {
                foreach (var band in score.Source.Bands ?? [])
                {
                    if (band is not null && v >= band.Min && v <= band.Max)
                    {
                        _scoreBands[i] = band;
                        break;
                    }
                }
            }
        }

    }

    internal decimal? ScoreValue(int index) => index < _scoreValues.Length ? _scoreValues[index] : null;

    internal ScoreBand? ScoreBand(int index) => index < _scoreBands.Length ? _scoreBands[index] : null;

    private ScoreResult[] BuildScores()
    {
        var scores = _form.Scores;
        if (scores.Length == 0)
        {
            return [];
        }

        var results = new ScoreResult[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            results[i] = new ScoreResult(scores[i].Source.Name, _scoreValues[i], _scoreBands[i]);
        }

        return results;
    }

    private RedFlag[] RaiseRedFlags()
    {
        var rules = _form.RedFlags;
        if (rules.Length == 0)
        {
            return [];
        }

        List<RedFlag>? flags = null;
        foreach (var rule in rules)
        {
            var holds = rule.Condition.Evaluate(this);
            if (holds != false)
            {
                var source = rule.Source;
                var description = source.Description ?? source.Id;
                if (holds is null)
                {
                    description += " (raised because the rule could not be evaluated)";
                }

                (flags ??= []).Add(new RedFlag(source.Id, source.Severity, source.Action, description));
            }
        }

        return flags is null ? [] : [.. flags];
    }

    // ---------------------------------------------------------------- problems

    private static string ChildPath(Instance parent, string linkId)
        => parent.Node is null ? $"item[{linkId}]" : $"{parent.Path}.item[{linkId}]";

    private static string AnswerPath(Instance instance, int index)
        => instance.Node!.Item.Repeats ? $"{instance.Path}.answer[{index.ToString(CultureInfo.InvariantCulture)}]" : $"{instance.Path}.answer";

    private void Problem(string path, string code, string message)
    {
        if (_authorOwned)
        {
            AuthorDiagnostic(path, code);
            return;
        }

        (_problems ??= []).Add(new ValidationProblem(path, code, message));
    }

    /// <summary>A calculated value breaks one of its item's rules: a diagnostic for the form's author, never the patient's problem.</summary>
    private void AuthorDiagnostic(string path, string rule)
        => Diagnostic(path, IntakeProblemCodes.CalculatedValueInvalid, $"The calculated value breaks the item's rule '{rule}'; the form's publisher should correct the calculation or the rule. The answers are not invalid because of it.");

    private void Diagnostic(string path, string code, string message)
    {
        _diagnostics ??= [];
        foreach (var existing in _diagnostics)
        {
            if (existing.Path == path && existing.Code == code && existing.Message == message)
            {
                return;
            }
        }

        _diagnostics.Add(new ValidationProblem(path, code, message));
    }
}
