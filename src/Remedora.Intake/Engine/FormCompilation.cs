using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Remedora.Intake.Expressions;

namespace Remedora.Intake.Engine;

/// <summary>Checks a definition and compiles it into a <see cref="CompiledForm"/>.</summary>
internal sealed class FormCompilation
{
    private readonly FormDefinition _definition;
    private readonly IReadOnlyDictionary<string, IExpressionLanguage> _languages;
    private readonly FormEngineOptions _options;
    private readonly List<FormDefinitionIssue> _issues = [];
    private readonly List<ItemNode> _nodes = [];
    private readonly Dictionary<string, ItemNode> _byLinkId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _shared = new(StringComparer.Ordinal);
    private readonly List<string> _formVariableNames = [];

    /// <summary>The SDC calculatedExpression extension: kept on an item by an importer that could not make it evaluable.</summary>
    private const string CalculatedExpressionUrl = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";

    public FormCompilation(FormDefinition definition, IReadOnlyDictionary<string, IExpressionLanguage> languages, FormEngineOptions options)
    {
        _definition = definition;
        _languages = languages;
        _options = options;
    }

    public CompiledForm Compile()
    {
        var d = _definition;
        if (string.IsNullOrWhiteSpace(d.Url))
        {
            Error("url", FormDefinitionIssueCodes.UrlMissing, "The form has no canonical URL. Give it one, for example https://forms.example.org/phq-9.");
        }

        if (string.IsNullOrWhiteSpace(d.Version))
        {
            Error("version", FormDefinitionIssueCodes.VersionMissing, "The form has no version. Give it one, for example 1.0.0; answers record the version they answered.");
        }

        var roots = BuildNodes(d.Items ?? [], null);
        foreach (var node in _nodes)
        {
            CompileOptions(node);
            CheckApplicability(node);
        }

        var formVariables = CompileVariables(d.Variables ?? [], null, "variables", []);
        _formVariableNames.AddRange(formVariables.Select(v => v.Name));
        foreach (var node in _nodes)
        {
            CompileEnableWhen(node);
            CompileItemExpressions(node);
        }

        var order = OrderForEnablement(roots);
        var scores = CompileScores();
        var redFlags = CompileRedFlags(scores);

        if (_issues.Any(i => i.Severity == FormIssueSeverity.Error))
        {
            throw new FormDefinitionException(new FormVersionReference(d.Url ?? string.Empty, d.Version ?? string.Empty), _issues.ToArray());
        }

        return new CompiledForm(
            d,
            _options,
            [.. _nodes],
            roots,
            _byLinkId,
            order ?? [.. _nodes],
            formVariables,
            scores,
            redFlags,
            _issues.ToArray());
    }

    private ItemNode[] BuildNodes(IReadOnlyList<FormItem> items, ItemNode? parent)
    {
        var result = new List<ItemNode>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var parentPath = parent?.DefinitionPath;
            if (item is null)
            {
                Error(Combine(parentPath, $"item#{i}"), FormDefinitionIssueCodes.LinkIdMissing, "The item is empty. Remove it or give it a linkId and a type.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.LinkId))
            {
                Error(Combine(parentPath, $"item#{i}"), FormDefinitionIssueCodes.LinkIdMissing, "The item has no linkId. Give every item a linkId that is unique within the form.");
                continue;
            }

            var node = new ItemNode(_nodes.Count, item, parent, result.Count);
            if (!_byLinkId.TryAdd(item.LinkId, node))
            {
                Error(node.DefinitionPath, FormDefinitionIssueCodes.LinkIdDuplicate, $"Another item already has the linkId '{item.LinkId}'. LinkIds must be unique within the form.");
                continue;
            }

            _nodes.Add(node);
            result.Add(node);
            if (node.Depth > FormDefinition.MaxItemDepth)
            {
                // Refused, and its descendants not read: the work stays bounded however deep the definition goes.
                Error(node.DefinitionPath, FormDefinitionIssueCodes.ItemNestingTooDeep, $"The item is nested deeper than {FormDefinition.MaxItemDepth} levels, the limit of the engine, of import and of export. Flatten the form.");
                continue;
            }

            node.Children = BuildNodes(item.Items ?? [], node);
        }

        return [.. result];
    }

    private void CompileOptions(ItemNode node)
    {
        var item = node.Item;
        var values = new List<AnswerValue>();
        var scores = new List<decimal?>();
        var kinds = new HashSet<AnswerValueKind>();
        var options = item.AnswerOptions ?? [];
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option is null || !AnswerValues.IsWellFormed(option.Value) || !AnswerValues.FitsOption(item.Type, option.Value))
            {
                Warning($"{node.DefinitionPath}.answerOption[{i}]", FormDefinitionIssueCodes.AnswerOptionTypeMismatch, $"The answer option does not fit a {item.Type} item; it is ignored.");
                continue;
            }

            values.Add(option.Value);
            scores.Add(option.Score);
            kinds.Add(option.Value.Kind);
        }

        var checksMembership = values.Count > 0;
        if (!string.IsNullOrWhiteSpace(item.AnswerValueSet))
        {
            var valueSet = ResolveValueSet(item.AnswerValueSet);
            if (valueSet is not null)
            {
                foreach (var concept in valueSet.Concepts ?? [])
                {
                    if (concept is null || string.IsNullOrEmpty(concept.Code))
                    {
                        continue;
                    }

                    values.Add(new CodingAnswer(concept.ToCoding()));
                    scores.Add(concept.Score);
                    kinds.Add(AnswerValueKind.Coding);
                }

                checksMembership = true;
            }
            else if (item.AnswerValueSet.StartsWith('#'))
            {
                Error($"{node.DefinitionPath}.answerValueSet", FormDefinitionIssueCodes.ValueSetNotFound, $"The value set '{item.AnswerValueSet}' is not among the form's value sets. Add it to ValueSets with that id.");
            }
            else
            {
                checksMembership = false;
                Warning($"{node.DefinitionPath}.answerValueSet", FormDefinitionIssueCodes.ValueSetUnresolved, $"The value set '{item.AnswerValueSet}' is not among the form's value sets, so coded answers are not checked against it. Add an expansion to ValueSets to check them.");
            }
        }

        node.AllowedValues = [.. values];
        node.AllowedScores = [.. scores];
        node.HasScores = scores.Any(s => s is not null);
        node.OptionKinds = [.. kinds];
        node.ChecksMembership = checksMembership && item.IsQuestion;

        var initial = new List<AnswerValue>();
        var initials = item.Initial ?? [];
        for (var i = 0; i < initials.Count; i++)
        {
            var value = initials[i];
            if (!AnswerValues.IsWellFormed(value) || !item.IsQuestion || !AnswerValues.Fits(item, value, node.OptionKinds))
            {
                Warning($"{node.DefinitionPath}.initial[{i}]", FormDefinitionIssueCodes.InitialTypeMismatch, $"The initial value does not fit a {item.Type} item; it is ignored.");
                continue;
            }

            initial.Add(value);
        }

        if (initial.Count > 1 && !item.Repeats)
        {
            Warning($"{node.DefinitionPath}.initial", FormDefinitionIssueCodes.InitialMultipleNotRepeating, "The item does not repeat but has several initial values; only the first is used.");
            initial.RemoveRange(1, initial.Count - 1);
        }

        foreach (var option in options)
        {
            if (option is { InitialSelected: true } && AnswerValues.IsWellFormed(option.Value) && (item.Repeats || initial.Count == 0))
            {
                initial.Add(option.Value);
            }
        }

        node.Initial = [.. initial];

        if (!string.IsNullOrEmpty(item.Regex))
        {
            try
            {
                node.Pattern = new Regex($"\\A(?:{item.Regex})\\z", RegexOptions.CultureInvariant, _options.RegexTimeout);
            }
            catch (ArgumentException)
            {
                Error($"{node.DefinitionPath}.regex", FormDefinitionIssueCodes.RegexInvalid, "The regex is not a valid regular expression. Correct it or remove it.");
            }
        }
    }

    private FormValueSet? ResolveValueSet(string reference)
    {
        var sets = _definition.ValueSets ?? [];
        if (reference.StartsWith('#'))
        {
            var id = reference[1..];
            return sets.FirstOrDefault(s => s is not null && string.Equals(s.Id, id, StringComparison.Ordinal));
        }

        var bar = reference.IndexOf('|', StringComparison.Ordinal);
        var url = bar < 0 ? reference : reference[..bar];
        var version = bar < 0 ? null : reference[(bar + 1)..];
        return sets.FirstOrDefault(s => s is not null && string.Equals(s.Url, url, StringComparison.Ordinal) && (version is null || string.Equals(s.Version, version, StringComparison.Ordinal)));
    }

    private void CheckApplicability(ItemNode node)
    {
        var item = node.Item;
        var path = node.DefinitionPath;
        var text = item.Type is FormItemType.String or FormItemType.Text or FormItemType.Url or FormItemType.OpenChoice;
        if (item.MaxLength is not null && !text)
        {
            Warning($"{path}.maxLength", FormDefinitionIssueCodes.PropertyNotApplicable, $"maxLength has no meaning for a {item.Type} item; it is ignored.");
        }

        if (item.MinLength is not null && !text)
        {
            Warning($"{path}.minLength", FormDefinitionIssueCodes.PropertyNotApplicable, $"minLength has no meaning for a {item.Type} item; it is ignored.");
        }

        if (item.Regex is not null && !text)
        {
            Warning($"{path}.regex", FormDefinitionIssueCodes.PropertyNotApplicable, $"regex has no meaning for a {item.Type} item; it is ignored.");
        }

        foreach (var (bound, name) in new[] { (item.MinValue, "minValue"), (item.MaxValue, "maxValue") })
        {
            if (bound is null)
            {
                continue;
            }

            var fits = AnswerValues.IsWellFormed(bound) && item.Type switch
            {
                FormItemType.Integer or FormItemType.Decimal => bound is IntegerAnswer or DecimalAnswer,
                FormItemType.Quantity => bound is QuantityAnswer or IntegerAnswer or DecimalAnswer,
                FormItemType.Date or FormItemType.DateTime => bound is DateAnswer or DateTimeAnswer,
                FormItemType.Time => bound is TimeAnswer,
                _ => false,
            };
            if (!fits)
            {
                Warning($"{path}.{name}", FormDefinitionIssueCodes.PropertyNotApplicable, $"{name} does not fit a {item.Type} item; it is ignored.");
            }
        }

        if (item.Required && item.Type == FormItemType.Display)
        {
            Warning($"{path}.required", FormDefinitionIssueCodes.PropertyNotApplicable, "A display item cannot be required; it is ignored.");
        }

        if (!item.IsQuestion && item.CalculatedExpression is not null)
        {
            Warning($"{path}.calculatedExpression", FormDefinitionIssueCodes.PropertyNotApplicable, $"A {item.Type} item holds no answer, so its calculated expression is ignored.");
        }
    }

    private void CompileEnableWhen(ItemNode node)
    {
        var conditions = node.Item.EnableWhen ?? [];
        var compiled = new List<CompiledCondition>(conditions.Count);
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var path = $"{node.DefinitionPath}.enableWhen[{i}]";
            if (condition is null || string.IsNullOrEmpty(condition.Question) || !_byLinkId.TryGetValue(condition.Question, out var target))
            {
                Error(path, FormDefinitionIssueCodes.EnableWhenUnknownQuestion, $"The condition names the question '{condition?.Question}', which the form does not have.");
                continue;
            }

            if (!target.IsQuestion)
            {
                Error(path, FormDefinitionIssueCodes.EnableWhenNotAQuestion, $"The condition names '{target.LinkId}', a {target.Item.Type} item, which has no answers. Name a question.");
                continue;
            }

            if (!AnswerValues.IsWellFormed(condition.Answer))
            {
                Error(path, FormDefinitionIssueCodes.EnableWhenAnswerType, "The condition has no comparand. Give it an answer value to compare with.");
                continue;
            }

            if (condition.Operator == ComparisonOperator.Exists && condition.Answer is not BooleanAnswer)
            {
                Error(path, FormDefinitionIssueCodes.EnableWhenExistsNeedsBoolean, "An 'exists' condition compares with true or false; give it a boolean answer.");
                continue;
            }

            if (condition.Operator != ComparisonOperator.Exists && !Comparable(target, condition.Answer))
            {
                Warning(path, FormDefinitionIssueCodes.EnableWhenAnswerType, $"A {condition.Answer.Kind} comparand cannot be compared with the answers of the {target.Item.Type} item '{target.LinkId}'; the condition is never true.");
            }

            // Route: climb from the dependent item to the lowest common ancestor, then descend to the target.
            var a = node;
            var b = target;
            var down = new List<ItemNode>();
            while (b.Depth > a.Depth)
            {
                down.Add(b);
                b = b.Parent!;
            }

            var up = a;
            while (up.Depth > b.Depth)
            {
                up = up.Parent!;
            }

            ItemNode? x = up;
            ItemNode? y = b;
            while (!ReferenceEquals(x, y))
            {
                down.Add(y!);
                x = x!.Parent;
                y = y!.Parent;
            }

            var lcaDepth = x?.Depth ?? 0;
            down.Reverse();
            compiled.Add(new CompiledCondition(condition, target, node.Depth - lcaDepth, [.. down]));
        }

        node.EnableWhen = [.. compiled];
    }

    private static bool Comparable(ItemNode target, AnswerValue comparand)
    {
        var sample = target.Item.Type switch
        {
            FormItemType.Boolean => (AnswerValue)BooleanAnswer.True,
            FormItemType.Decimal => new DecimalAnswer(0),
            FormItemType.Integer => new IntegerAnswer(0),
            FormItemType.Date => new DateAnswer(FormDate.Partial(2000)),
            FormItemType.DateTime => new DateTimeAnswer(FormDateTime.Parse("2000")),
            FormItemType.Time => new TimeAnswer(TimeOnly.MinValue),
            FormItemType.String or FormItemType.Text => new StringAnswer(string.Empty),
            FormItemType.Url => new UriAnswer(string.Empty),
            FormItemType.Quantity => new QuantityAnswer(new FormQuantity(0)),
            FormItemType.Attachment => new AttachmentAnswer(new FormAttachment()),
            FormItemType.Reference => new ReferenceAnswer(new FormReference(null)),
            _ => null,
        };
        if (sample is null)
        {
            return true; // choice items: codes compare with strings and numbers, options may be of any kind
        }

        return comparand.Kind == sample.Kind
            || (sample is DecimalAnswer or IntegerAnswer or QuantityAnswer && comparand is DecimalAnswer or IntegerAnswer or QuantityAnswer)
            || (sample is DateAnswer or DateTimeAnswer && comparand is DateAnswer or DateTimeAnswer)
            || (sample is StringAnswer or UriAnswer && comparand is StringAnswer or UriAnswer or CodingAnswer);
    }

    private void CompileItemExpressions(ItemNode node)
    {
        var item = node.Item;
        var path = node.DefinitionPath;

        // The scope is the parent's plus the item's own variables: built once per item from its parent's (nodes are in
        // pre-order), not by walking every ancestor of every item, which is quadratic in the depth.
        var outer = node.Parent?.VariableScope ?? _formVariableNames;
        var own = item.Variables ?? [];
        node.Variables = CompileVariables(own, item, $"{path}.variables", outer);
        IReadOnlyList<string> scope = outer;
        if (own.Count > 0)
        {
            var names = new List<string>(outer.Count + own.Count);
            names.AddRange(outer);
            names.AddRange(own.Where(v => v?.Name is not null).Select(v => v.Name!));
            scope = names;
        }

        node.VariableScope = scope;
        node.CalculationUnavailable = item.IsQuestion && item.CalculatedExpression is null && (item.Extensions ?? []).Any(e => e is not null && string.Equals(e.Url, CalculatedExpressionUrl, StringComparison.Ordinal));
        node.EnableWhenExpression = CompileExpression(item.EnableWhenExpression, item, ExpressionRole.EnableWhen, $"{path}.enableWhenExpression", scope);
        node.Calculated = item.IsQuestion ? CompileExpression(item.CalculatedExpression, item, ExpressionRole.CalculatedValue, $"{path}.calculatedExpression", scope) : null;
        node.InitialExpression = CompileExpression(item.InitialExpression, item, ExpressionRole.InitialValue, $"{path}.initialExpression", scope);

        var constraints = new List<CompiledConstraint>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var list = item.Constraints ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var constraint = list[i];
            var cpath = $"{path}.constraint[{constraint?.Key ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (constraint is null || string.IsNullOrWhiteSpace(constraint.Key))
            {
                Error(cpath, FormDefinitionIssueCodes.ExpressionInvalid, "The constraint has no key. Give it a key that identifies it within the form.");
                continue;
            }

            if (!keys.Add(constraint.Key))
            {
                Warning(cpath, FormDefinitionIssueCodes.ConstraintDuplicate, $"Another constraint of the item has the key '{constraint.Key}'.");
            }

            var expr = CompileExpression(constraint.Expression, item, ExpressionRole.Constraint, $"{cpath}.expression", scope);
            if (constraint.Expression is null)
            {
                Error(cpath, FormDefinitionIssueCodes.ExpressionInvalid, "The constraint has no expression.");
            }

            if (expr is not null)
            {
                constraints.Add(new CompiledConstraint(constraint, expr));
            }
        }

        node.Constraints = [.. constraints];
    }

    private CompiledVariable[] CompileVariables(IReadOnlyList<FormExpression> variables, FormItem? item, string path, IReadOnlyList<string> outerScope)
    {
        var result = new List<CompiledVariable>(variables.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scope = new List<string>(outerScope);
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var vpath = $"{path}[{variable?.Name ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (variable is null || string.IsNullOrWhiteSpace(variable.Name))
            {
                Error(vpath, FormDefinitionIssueCodes.VariableNameMissing, "The variable has no name. Give it a name other expressions can refer to.");
                continue;
            }

            if (!names.Add(variable.Name))
            {
                Error(vpath, FormDefinitionIssueCodes.VariableDuplicate, $"Another variable in the same scope is named '{variable.Name}'. Rename one of them.");
                continue;
            }

            scope.Add(variable.Name);
            var compiled = CompileExpression(variable, item, ExpressionRole.Variable, vpath, scope);
            if (compiled is not null)
            {
                result.Add(new CompiledVariable(variable.Name, compiled));
            }
        }

        return [.. result];
    }

    private CompiledExpr? CompileExpression(FormExpression? expression, FormItem? item, ExpressionRole role, string path, IReadOnlyList<string> scope)
    {
        if (expression is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(expression.Language) || !_languages.TryGetValue(expression.Language, out var language))
        {
            Error(path, FormDefinitionIssueCodes.ExpressionLanguageUnsupported, $"No expression language '{expression.Language}' is registered. Register an IExpressionLanguage for it (Remedora.Fhir registers {ExpressionLanguages.FhirPath}), or remove the expression.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(expression.Expression))
        {
            Error(path, FormDefinitionIssueCodes.ExpressionInvalid, "The expression is empty.");
            return null;
        }

        try
        {
            var context = new ExpressionCompilationContext(_definition, item, role, scope.ToArray(), _shared);
            var compiled = language.Compile(expression, context);
            if (compiled is null)
            {
                Error(path, FormDefinitionIssueCodes.ExpressionInvalid, $"The '{language.Language}' language returned no compiled expression.");
                return null;
            }

            return new CompiledExpr(expression, compiled, path);
        }
        catch (ExpressionCompilationException ex)
        {
            Error(path, FormDefinitionIssueCodes.ExpressionInvalid, ex.Message);
        }
#pragma warning disable CA1031 // A language's unexpected failure becomes an issue of the definition, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Error(path, FormDefinitionIssueCodes.ExpressionInvalid, $"The '{language.Language}' language failed to compile the expression ({ex.GetType().Name}: {ex.Message}).");
        }

        return null;
    }

    private ItemNode[]? OrderForEnablement(ItemNode[] roots)
    {
        // Depth-first topological order over the edges parent -> child and question -> dependent item.
        var state = new byte[_nodes.Count]; // 0 new, 1 visiting, 2 done
        var order = new List<ItemNode>(_nodes.Count);
        var cycle = false;

        void Visit(ItemNode node)
        {
            if (state[node.Index] == 2 || cycle)
            {
                return;
            }

            if (state[node.Index] == 1)
            {
                cycle = true;
                Error(node.DefinitionPath, FormDefinitionIssueCodes.EnableWhenCycle, $"The item '{node.LinkId}' is enabled by a chain of conditions that leads back to itself (or to one of its own descendants). Break the cycle.");
                return;
            }

            state[node.Index] = 1;
            if (node.Parent is not null)
            {
                Visit(node.Parent);
            }

            foreach (var condition in node.EnableWhen)
            {
                Visit(condition.Target);
            }

            state[node.Index] = 2;
            order.Add(node);
        }

        foreach (var node in _nodes)
        {
            Visit(node);
        }

        _ = roots;
        return cycle ? null : [.. order];
    }

    private CompiledScore[] CompileScores()
    {
        var result = new List<CompiledScore>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scores = _definition.Scores ?? [];
        for (var i = 0; i < scores.Count; i++)
        {
            var score = scores[i];
            var path = $"scores[{score?.Name ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (score is null || string.IsNullOrWhiteSpace(score.Name) || !names.Add(score.Name))
            {
                Error(path, FormDefinitionIssueCodes.ScoreDuplicate, "The score has no name, or another score has the same name. Give each score a unique name.");
                continue;
            }

            var items = new List<ItemNode>();
            foreach (var linkId in score.Items ?? [])
            {
                if (linkId is not null && _byLinkId.TryGetValue(linkId, out var node) && node.IsQuestion)
                {
                    items.Add(node);
                }
                else
                {
                    Error(path, FormDefinitionIssueCodes.ScoreUnknownItem, $"The score sums the question '{linkId}', which the form does not have.");
                }
            }

            if (score.Method == ScoreMethod.SumOfOrdinals && items.Count == 0 && (score.Items ?? []).Count == 0)
            {
                items.AddRange(_nodes.Where(n => n.IsQuestion && n.HasScores));
            }

            CompiledExpr? expression = null;
            if (score.Method == ScoreMethod.Expression)
            {
                if (score.Expression is null)
                {
                    Error(path, FormDefinitionIssueCodes.ScoreExpressionMissing, "The score is computed by an expression but has none.");
                }
                else
                {
                    expression = CompileExpression(score.Expression, null, ExpressionRole.Score, $"{path}.expression", _formVariableNames);
                }
            }

            result.Add(new CompiledScore(score, [.. items], expression));
        }

        return [.. result];
    }

    private CompiledRedFlag[] CompileRedFlags(CompiledScore[] scores)
    {
        var result = new List<CompiledRedFlag>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = _definition.RedFlagRules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var path = $"redFlagRules[{rule?.Id ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (rule is null || string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
            {
                Error(path, FormDefinitionIssueCodes.RedFlagDuplicate, "The red-flag rule has no id, or another rule has the same id. Give each rule a unique id.");
                continue;
            }

            var condition = CompileCondition(rule.When, $"{path}.when", scores);
            if (condition is not null)
            {
                result.Add(new CompiledRedFlag(rule, condition));
            }
        }

        return [.. result];
    }

    private CompiledRuleCondition? CompileCondition(RuleCondition? condition, string path, CompiledScore[] scores)
    {
        switch (condition)
        {
            case AnswerCondition a:
                {
                    var node = Question(a.LinkId, path);
                    if (node is null)
                    {
                        return null;
                    }

                    if (!AnswerValues.IsWellFormed(a.Value) || (a.Operator == ComparisonOperator.Exists && a.Value is not BooleanAnswer))
                    {
                        Error(path, FormDefinitionIssueCodes.RedFlagOperator, "The condition's comparand is missing, or an 'exists' condition has a comparand that is not a boolean.");
                        return null;
                    }

                    return new CompiledAnswerCondition(node, a.Operator, a.Value);
                }

            case OrdinalCondition o:
                {
                    var node = Question(o.LinkId, path);
                    if (node is null || !NotExists(o.Operator, path))
                    {
                        return null;
                    }

                    return new CompiledOrdinalCondition(node, o.Operator, o.Value);
                }

            case ScoreCondition s:
                {
                    var index = ScoreIndex(scores, s.Score, path);
                    return index < 0 || !NotExists(s.Operator, path) ? null : new CompiledScoreCondition(index, s.Operator, s.Value);
                }

            case ScoreBandCondition b:
                {
                    var index = ScoreIndex(scores, b.Score, path);
                    if (index < 0)
                    {
                        return null;
                    }

                    if (!(scores[index].Source.Bands ?? []).Any(x => x is not null && string.Equals(x.Code, b.Band, StringComparison.Ordinal)))
                    {
                        Error(path, FormDefinitionIssueCodes.RedFlagUnknownBand, $"The score '{b.Score}' has no band '{b.Band}'.");
                        return null;
                    }

                    return new CompiledScoreBandCondition(index, b.Band);
                }

            case ExpressionCondition e:
                {
                    var expression = CompileExpression(e.Expression, null, ExpressionRole.RedFlagCondition, $"{path}.expression", _formVariableNames);
                    if (e.Expression is null)
                    {
                        Error(path, FormDefinitionIssueCodes.ExpressionInvalid, "The condition has no expression.");
                    }

                    return expression is null ? null : new CompiledExpressionCondition(expression);
                }

            case AllCondition all:
                {
                    var parts = CompileConditions(all.Conditions, path, scores);
                    return parts is null ? null : new CompiledAllCondition(parts);
                }

            case AnyCondition any:
                {
                    var parts = CompileConditions(any.Conditions, path, scores);
                    return parts is null ? null : new CompiledAnyCondition(parts);
                }

            default:
                Error(path, FormDefinitionIssueCodes.RedFlagOperator, "The rule has no condition.");
                return null;
        }
    }

    private CompiledRuleCondition[]? CompileConditions(IReadOnlyList<RuleCondition>? conditions, string path, CompiledScore[] scores)
    {
        if (conditions is null || conditions.Count == 0)
        {
            Error(path, FormDefinitionIssueCodes.RedFlagOperator, "A combined condition needs at least one condition.");
            return null;
        }

        var result = new CompiledRuleCondition[conditions.Count];
        var ok = true;
        for (var i = 0; i < conditions.Count; i++)
        {
            var compiled = CompileCondition(conditions[i], $"{path}[{i}]", scores);
            ok &= compiled is not null;
            result[i] = compiled!;
        }

        return ok ? result : null;
    }

    private ItemNode? Question(string? linkId, string path)
    {
        if (linkId is not null && _byLinkId.TryGetValue(linkId, out var node) && node.IsQuestion)
        {
            return node;
        }

        Error(path, FormDefinitionIssueCodes.RedFlagUnknownItem, $"The condition names the question '{linkId}', which the form does not have.");
        return null;
    }

    private bool NotExists(ComparisonOperator op, string path)
    {
        if (op == ComparisonOperator.Exists)
        {
            Error(path, FormDefinitionIssueCodes.RedFlagOperator, "An 'exists' comparison applies to answers, not to scores; use a comparison such as greater than.");
            return false;
        }

        return true;
    }

    private int ScoreIndex(CompiledScore[] scores, string? name, string path)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (string.Equals(scores[i].Source.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        Error(path, FormDefinitionIssueCodes.RedFlagUnknownScore, $"The condition names the score '{name}', which the form does not have.");
        return -1;
    }

    private static string Combine(string? parent, string segment) => parent is null ? segment : $"{parent}.{segment}";

    private void Error(string path, string code, string message) => _issues.Add(new FormDefinitionIssue(path, code, message, FormIssueSeverity.Error));

    private void Warning(string path, string code, string message) => _issues.Add(new FormDefinitionIssue(path, code, message, FormIssueSeverity.Warning));
}
