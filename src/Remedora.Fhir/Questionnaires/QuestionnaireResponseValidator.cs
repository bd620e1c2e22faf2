using System.Globalization;
using Hl7.Fhir.Model;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Mapping;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// Validates a QuestionnaireResponse against its Questionnaire, not only against base R4: item structure (unknown and
/// misplaced linkIds), answer types, answer options, cardinality, required items (only where enabled), answers on
/// items the Questionnaire disables (enableWhen and enableWhenExpression, evaluated by the intake engine), lengths,
/// ranges, regular expressions, <c>questionnaire-constraint</c>s, answers on display and group items and changed
/// read-only answers. Every finding has a severity, a FHIR path with indexes, the linkId and a rule code; none holds
/// an answer's value. Thread-safe when the engine is (it is).
/// </summary>
public sealed class QuestionnaireResponseValidator
{
    private const string Root = "QuestionnaireResponse";

    private readonly FormEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireResponseValidator"/> class with its own engine and FHIRPath.</summary>
    public QuestionnaireResponseValidator()
        : this(new FormEngine([new FhirPathLanguage()]))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireResponseValidator"/> class.</summary>
    /// <param name="engine">The engine that evaluates enableWhen, calculations and constraints; register FHIRPath in it for imported forms.</param>
    public QuestionnaireResponseValidator(FormEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Validates a QuestionnaireResponse in FHIR R4 JSON against a form (as imported from its Questionnaire).</summary>
    /// <param name="form">The form, for example <c>QuestionnaireMapper.ImportJson(...).Definition</c>.</param>
    /// <param name="json">The QuestionnaireResponse.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="FhirFormatException">The text is not a QuestionnaireResponse, or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public QuestionnaireResponseValidationResult ValidateJson(FormDefinition form, string json)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(json);
        return Validate(form, QuestionnaireResponseMapper.ParseJson(json));
    }

    /// <summary>Validates a QuestionnaireResponse in FHIR R4 XML against a form, as <see cref="ValidateJson"/> does.</summary>
    /// <param name="form">The form.</param>
    /// <param name="xml">The QuestionnaireResponse.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="FhirFormatException">The text is not a QuestionnaireResponse, or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public QuestionnaireResponseValidationResult ValidateXml(FormDefinition form, string xml)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(xml);
        return Validate(form, QuestionnaireResponseMapper.ParseXml(xml));
    }

    /// <summary>Validates a QuestionnaireResponse against a form, as <see cref="ValidateJson"/> does.</summary>
    /// <param name="form">The form.</param>
    /// <param name="response">The QuestionnaireResponse.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="FhirFormatException">The response's items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public QuestionnaireResponseValidationResult Validate(FormDefinition form, QuestionnaireResponse response)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(response);
        var imported = QuestionnaireResponseMapper.Import(response, form);
        var run = new Run(form, questionChildrenInPlace: false);
        run.Walk(response.Item.Select((item, i) => FromPoco(item, $"{Root}.item[{Index(i)}]")).ToList());
        foreach (var issue in imported.Issues)
        {
            run.AddImportIssue(issue);
        }

        return run.Finish(_engine.Evaluate(form, imported.Response));
    }

    /// <summary>
    /// Validates answers in the intake model against a form, as <see cref="ValidateJson"/> does; paths are those of the
    /// QuestionnaireResponse the answers export as (<c>QuestionnaireResponse.item[0].answer[0]</c>, every item and answer kept).
    /// </summary>
    /// <param name="form">The form.</param>
    /// <param name="response">The answers, as given (not an evaluation's <c>Response</c>, which has dropped the answers of disabled items).</param>
    /// <returns>The findings.</returns>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public QuestionnaireResponseValidationResult Validate(FormDefinition form, FormResponse response)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(response);
        var run = new Run(form, questionChildrenInPlace: true);
        run.Walk((response.Items ?? []).Select((item, i) => FromModel(item, $"{Root}.item[{Index(i)}]")).ToList());
        if (response.Form is not null && response.Form != form.Reference)
        {
            run.Add(QuestionnaireResponseFindingSeverity.Warning, QuestionnaireResponseValidationCodes.FormMismatch, $"{Root}.questionnaire", null, "The answers are to another form version than the one they are validated against.");
        }

        return run.Finish(_engine.Evaluate(form, response with { Form = form.Reference }));
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static SourceItem? FromPoco(QuestionnaireResponse.ItemComponent? item, string path)
    {
        if (item is null)
        {
            return null;
        }

        var answers = new List<SourceAnswer>();
        for (var a = 0; a < item.Answer.Count; a++)
        {
            var answer = item.Answer[a];
            if (answer is null)
            {
                continue;
            }

            var answerPath = $"{path}.answer[{Index(a)}]";
            var value = answer.Value is null ? null : AnswerPoco.FromPoco(answer.Value);
            answers.Add(new SourceAnswer(value, answerPath, answer.Item.Select((child, i) => FromPoco(child, $"{answerPath}.item[{Index(i)}]")).ToList()));
        }

        return new SourceItem(item.LinkId, path, answers, item.Item.Select((child, i) => FromPoco(child, $"{path}.item[{Index(i)}]")).ToList());
    }

    private static SourceItem? FromModel(ResponseItem? item, string path)
    {
        if (item is null)
        {
            return null;
        }

        var answers = new List<SourceAnswer>();
        var given = item.Answers ?? [];
        for (var a = 0; a < given.Count; a++)
        {
            if (given[a] is not { } answer)
            {
                continue;
            }

            var answerPath = $"{path}.answer[{Index(a)}]";
            answers.Add(new SourceAnswer(answer.Value, answerPath, (answer.Items ?? []).Select((child, i) => FromModel(child, $"{answerPath}.item[{Index(i)}]")).ToList()));
        }

        return new SourceItem(item.LinkId, path, answers, (item.Items ?? []).Select((child, i) => FromModel(child, $"{path}.item[{Index(i)}]")).ToList());
    }

    private sealed record SourceItem(string? LinkId, string Path, List<SourceAnswer> Answers, List<SourceItem?> Items);

    private sealed record SourceAnswer(AnswerValue? Value, string Path, List<SourceItem?> Items);

    /// <summary>A response item in the form's place: its FHIR path and its readable answers, by the engine's path.</summary>
    private sealed record Placed(SourceItem Source, FormItem Item, List<SourceAnswer> Answers);

    private sealed class Run
    {
        private readonly bool _questionChildrenInPlace;
        private readonly Dictionary<string, (FormItem Item, FormItem? Parent)> _byLinkId;
        private readonly Dictionary<string, Placed> _placed = new(StringComparer.Ordinal);
        private readonly List<QuestionnaireResponseFinding> _findings = [];
        private readonly HashSet<(string Path, string Code)> _seen = [];

        public Run(FormDefinition form, bool questionChildrenInPlace)
        {
            _questionChildrenInPlace = questionChildrenInPlace;
            _byLinkId = FormItemIndex.ByLinkId(form);
        }

        public void Walk(List<SourceItem?> roots) => Walk(roots, null, string.Empty, new Dictionary<string, int>(StringComparer.Ordinal), expectedAnywhere: true);

        public void Add(QuestionnaireResponseFindingSeverity severity, string code, string path, string? linkId, string message)
        {
            if (_seen.Add((path, code)))
            {
                _findings.Add(new QuestionnaireResponseFinding { Severity = severity, Code = code, Path = path, LinkId = linkId, Message = message });
            }
        }

        public void AddImportIssue(QuestionnaireResponseImportIssue issue)
        {
            var path = issue.Path.Length == 0 ? Root : $"{Root}.{issue.Path}";
            switch (issue.Code)
            {
                case QuestionnaireResponseImportIssueCodes.NoPlace:
                    Add(QuestionnaireResponseFindingSeverity.Error, QuestionnaireResponseValidationCodes.NoPlace, path, null, "The item belongs under an answer of a question that has no answer here.");
                    break;
                case QuestionnaireResponseImportIssueCodes.AnswerNotReadable:
                    Add(QuestionnaireResponseFindingSeverity.Error, QuestionnaireResponseValidationCodes.AnswerNotReadable, path, null, "The answer has no value, or a value of a type an answer cannot have.");
                    break;
                case QuestionnaireResponseImportIssueCodes.FormMismatch:
                    Add(QuestionnaireResponseFindingSeverity.Warning, QuestionnaireResponseValidationCodes.FormMismatch, path, null, "The response names another Questionnaire than the one it is validated against.");
                    break;
                default:
                    // Unknown, misplaced and missing linkIds and answer types are found by the walk and the engine; what
                    // the import cannot keep (extensions, inline data) says nothing about the response's validity.
                    break;
            }
        }

        public QuestionnaireResponseValidationResult Finish(FormEvaluation evaluation)
        {
            var states = new Dictionary<string, ItemState>(StringComparer.Ordinal);
            foreach (var state in evaluation.Items)
            {
                states.TryAdd(state.Path, state);
            }

            foreach (var problem in evaluation.Problems)
            {
                AddEngine(QuestionnaireResponseFindingSeverity.Error, problem);
            }

            foreach (var (path, placed) in _placed)
            {
                if (placed.Answers.Count == 0 || !placed.Item.IsQuestion || !states.TryGetValue(path, out var state))
                {
                    continue;
                }

                if (!state.Enabled)
                {
                    Add(
                        QuestionnaireResponseFindingSeverity.Error,
                        QuestionnaireResponseValidationCodes.AnswerOnDisabledItem,
                        placed.Answers[0].Path,
                        placed.Item.LinkId,
                        $"The item is disabled by the Questionnaire for these answers (enableWhen or enableWhenExpression) but has {placed.Answers.Count.ToString(CultureInfo.InvariantCulture)} answer(s).");
                }
                else if (placed.Item.ReadOnly)
                {
                    CheckReadOnly(placed, state);
                }
            }

            foreach (var warning in evaluation.Warnings)
            {
                AddEngine(QuestionnaireResponseFindingSeverity.Warning, warning);
            }

            foreach (var diagnostic in evaluation.Diagnostics)
            {
                AddEngine(QuestionnaireResponseFindingSeverity.Information, diagnostic);
            }

            return new QuestionnaireResponseValidationResult(_findings.OrderBy(f => f.Severity).ToArray());
        }

        private void CheckReadOnly(Placed placed, ItemState state)
        {
            var given = placed.Answers.Where(a => a.Value is not null).Select(a => a.Value!).ToArray();
            IReadOnlyList<AnswerValue>? expected = null;
            string? message = null;
            if (state.Calculated)
            {
                expected = state.Answers;
                message = "The read-only item's answer differs from the value its calculatedExpression gives for these answers.";
            }
            else if (placed.Item.CalculatedExpression is null && placed.Item.InitialExpression is null)
            {
                expected = placed.Item.Initial;
                message = placed.Item.Initial.Count == 0
                    ? "The read-only item has an answer although the Questionnaire gives it no value (no initial value or calculation)."
                    : "The read-only item's answer differs from its initial value.";
            }

            if (expected is not null && !SameAnswers(given, expected))
            {
                Add(QuestionnaireResponseFindingSeverity.Warning, QuestionnaireResponseValidationCodes.ReadOnlyChanged, placed.Source.Path, placed.Item.LinkId, message!);
            }
        }

        private static bool SameAnswers(IReadOnlyList<AnswerValue> a, IReadOnlyList<AnswerValue> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                var same = (a[i], b[i]) switch
                {
                    (CodingAnswer x, CodingAnswer y) => x.Value.System == y.Value.System && x.Value.Code == y.Value.Code,
                    (DecimalAnswer x, IntegerAnswer y) => x.Value == y.Value,
                    (IntegerAnswer x, DecimalAnswer y) => x.Value == y.Value,
                    var (x, y) => x.Equals(y),
                };
                if (!same)
                {
                    return false;
                }
            }

            return true;
        }

        private void AddEngine(QuestionnaireResponseFindingSeverity severity, ValidationProblem problem)
        {
            var code = problem.Code;
            if (code is IntakeProblemCodes.UnknownItem or IntakeProblemCodes.MisplacedItem)
            {
                return; // Found by the walk, with the response's own path.
            }

            var (path, linkId, isAnswer) = Locate(problem.Path);
            if (code == IntakeProblemCodes.Type)
            {
                if (!isAnswer)
                {
                    return; // A group or display item with answers: found by the walk.
                }

                code = QuestionnaireResponseValidationCodes.AnswerType;
            }

            Add(severity, code, path, linkId, problem.Message);
        }

        /// <summary>Turns an engine path (<c>item[g][1].item[q].answer[0]</c>) into the response's FHIR path.</summary>
        private (string Path, string? LinkId, bool IsAnswer) Locate(string enginePath)
        {
            if (enginePath.Length == 0)
            {
                return (Root, null, false);
            }

            if (_placed.TryGetValue(enginePath, out var exact))
            {
                return (exact.Source.Path, exact.Item.LinkId, false);
            }

            var dot = enginePath.LastIndexOf(".answer", StringComparison.Ordinal);
            if (dot > 0 && _placed.TryGetValue(enginePath[..dot], out var owner))
            {
                var rest = enginePath[(dot + ".answer".Length)..];
                var index = 0;
                if (rest.Length > 2 && rest[0] == '[' && rest[^1] == ']')
                {
                    _ = int.TryParse(rest.AsSpan(1, rest.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out index);
                }

                var answerPath = index < owner.Answers.Count ? owner.Answers[index].Path : $"{owner.Source.Path}.answer[{Index(index)}]";
                return (answerPath, owner.Item.LinkId, true);
            }

            // An item the import moved, or the engine added: report it at the closest ancestor the response has.
            var linkId = LastLinkId(enginePath);
            for (var cut = enginePath.LastIndexOf(".item[", StringComparison.Ordinal); cut > 0; cut = enginePath.LastIndexOf(".item[", cut - 1, StringComparison.Ordinal))
            {
                if (_placed.TryGetValue(enginePath[..cut], out var ancestor))
                {
                    return (ancestor.Source.Path, linkId, false);
                }
            }

            return (Root, linkId, false);
        }

        private static string? LastLinkId(string enginePath)
        {
            var start = enginePath.LastIndexOf("item[", StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            var end = enginePath.IndexOf(']', start);
            return end < 0 ? null : enginePath[(start + 5)..end];
        }

        private void Walk(List<SourceItem?> items, FormItem? expectedParent, string parentPath, Dictionary<string, int> occurrences, bool expectedAnywhere)
        {
            foreach (var source in items)
            {
                if (source is null)
                {
                    continue;
                }

                if (string.IsNullOrEmpty(source.LinkId))
                {
                    Add(QuestionnaireResponseFindingSeverity.Error, QuestionnaireResponseValidationCodes.MissingLinkId, source.Path, null, "The item has no linkId.");
                    continue;
                }

                if (!_byLinkId.TryGetValue(source.LinkId, out var found))
                {
                    Add(QuestionnaireResponseFindingSeverity.Error, QuestionnaireResponseValidationCodes.UnknownItem, source.Path, source.LinkId, "The item's linkId is not in the Questionnaire.");
                    continue;
                }

                if (!expectedAnywhere || !ReferenceEquals(found.Parent, expectedParent))
                {
                    var where = found.Parent is null ? "at the top level" : $"under item '{found.Parent.LinkId}'";
                    Add(QuestionnaireResponseFindingSeverity.Error, QuestionnaireResponseValidationCodes.MisplacedItem, source.Path, source.LinkId, $"The item is in the Questionnaire, but {where}" + (found.Parent is { IsQuestion: true } ? " (in an answer)." : "."));
                    continue;
                }

                var item = found.Item;
                occurrences.TryGetValue(item.LinkId, out var occurrence);
                occurrences[item.LinkId] = occurrence + 1;
                var step = $"item[{item.LinkId}]";
                if ((item.Type == FormItemType.Group && item.Repeats) || occurrence > 0)
                {
                    step += $"[{Index(occurrence)}]";
                }

                var path = parentPath.Length == 0 ? step : $"{parentPath}.{step}";
                var readable = source.Answers.Where(a => a.Value is not null).ToList();
                _placed.TryAdd(path, new Placed(source, item, readable));
                if (source.Answers.Count > 0 && !item.IsQuestion)
                {
                    var display = item.Type == FormItemType.Display;
                    Add(
                        QuestionnaireResponseFindingSeverity.Error,
                        display ? QuestionnaireResponseValidationCodes.DisplayAnswered : QuestionnaireResponseValidationCodes.GroupAnswered,
                        source.Answers[0].Path,
                        item.LinkId,
                        display ? "A display item takes no answer." : "A group takes items, not answers.");
                }

                var children = new Dictionary<string, int>(StringComparer.Ordinal);
                if (item.IsQuestion)
                {
                    foreach (var answer in source.Answers)
                    {
                        Walk(answer.Items, item, path, children, expectedAnywhere: answer.Value is not null);
                    }

                    Walk(source.Items, item, path, children, expectedAnywhere: _questionChildrenInPlace);
                }
                else
                {
                    foreach (var answer in source.Answers)
                    {
                        Walk(answer.Items, item, path, children, expectedAnywhere: false);
                    }

                    Walk(source.Items, item, path, children, expectedAnywhere: true);
                }
            }
        }
    }
}
