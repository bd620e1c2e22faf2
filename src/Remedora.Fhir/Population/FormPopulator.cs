using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Task = System.Threading.Tasks.Task;

namespace Remedora.Fhir.Population;

/// <summary>
/// SDC <c>$populate</c> (expression-based): prepopulates a response from the launch context (<c>%patient</c>,
/// <c>%user</c>, <c>%encounter</c>, declared with <c>sdc-questionnaire-launchContext</c>), the form's and items'
/// variables (FHIRPath, and <c>application/x-fhir-query</c> searches run through an <see cref="IFhirDataSource"/>),
/// <c>sdc-questionnaire-itemPopulationContext</c> (one repetition of a repeating group per context value) and each
/// item's <c>sdc-questionnaire-initialExpression</c> (and static <c>initial</c> values). Answers already given are never
/// replaced or removed: populated values go only to items without an answer.
/// </summary>
public static partial class FormPopulator
{
    private const string InitialExpressionUrl = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
    private const string ItemPopulationContextUrl = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-itemPopulationContext";
    private const string LaunchContextUrl = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext";
    private const string VariableUrl = "http://hl7.org/fhir/StructureDefinition/variable";
    private const string FhirPath = "text/fhirpath";
    private const string FhirQuery = "application/x-fhir-query";

    /// <summary>Populates a response to a form.</summary>
    /// <param name="definition">The form (an imported Questionnaire: its expressions are read as imported, including those the engine does not evaluate).</param>
    /// <param name="request">The data port, the launch context and the answers already given.</param>
    /// <param name="cancellationToken">Cancels the population.</param>
    /// <returns>The response and an issue per item that could not be populated.</returns>
    public static async Task<PopulationResult> PopulateAsync(FormDefinition definition, PopulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.DataSource);
        var questionnaire = QuestionnaireSources.Find(definition) ?? QuestionnaireMapper.Export(definition);
        var run = new Run(definition, questionnaire, request, cancellationToken);
        await run.LaunchAsync().ConfigureAwait(false);
        var environment = new Dictionary<string, IEnumerable<PocoNode>>(run.Launch, StringComparer.Ordinal);
        await run.VariablesAsync(questionnaire.Extension, "variable", environment).ConfigureAwait(false);
        var populated = await run.ItemsAsync(questionnaire.Item, string.Empty, environment).ConfigureAwait(false);
        var merged = Merge(request.Existing?.Items ?? [], populated, string.Empty, run);
        var response = new FormResponse { Form = definition.Reference, Items = merged };
        return new PopulationResult(response, run.Issues, run.PopulatedItems);
    }

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Embedded();

    private static List<ResponseItem> Merge(IReadOnlyList<ResponseItem> existing, List<ResponseItem> populated, string parentPath, Run run)
    {
        var result = existing.Where(i => i is not null).ToList();
        var used = new HashSet<int>();
        foreach (var item in populated)
        {
            // The n-th populated occurrence of a linkId goes with the n-th existing one (repetitions of a repeating group).
            var index = -1;
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i].LinkId == item.LinkId && !used.Contains(i))
                {
                    index = i;
                    break;
                }
            }

            var path = $"{parentPath}{(parentPath.Length == 0 ? string.Empty : ".")}item[{item.LinkId}]";
            if (index < 0)
            {
                used.Add(result.Count);
                result.Add(item);
                run.CountPopulated(item);
                continue;
            }

            used.Add(index);
            var current = result[index];
            if (current.Answers is { Count: > 0 } answers)
            {
                if (item.Answers is { Count: > 0 })
                {
                    run.Issue(path, PopulationIssueCodes.AnswerKept, "The item already has an answer; it was kept and the populated value was not used.");
                }

                continue;
            }

            var children = Merge(current.Items ?? [], item.Items?.ToList() ?? [], path, run);
            if (item.Answers is { Count: > 0 })
            {
                run.CountPopulated(item with { Items = [] });
            }

            result[index] = current with { Answers = item.Answers is { Count: > 0 } ? item.Answers : current.Answers, Items = children };
        }

        return result;
    }

    private sealed class Run(FormDefinition definition, Questionnaire questionnaire, PopulationRequest request, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, FormItem> _items = Index(definition.Items, new Dictionary<string, FormItem>(StringComparer.Ordinal));
        private readonly HashSet<string> _unavailable = new(StringComparer.Ordinal);
        private readonly PocoNode _questionnaireNode = questionnaire.ToPocoNode();
        private readonly PocoNode _resource = new QuestionnaireResponse { Status = QuestionnaireResponse.QuestionnaireResponseStatus.InProgress }.ToPocoNode();

        public Dictionary<string, IEnumerable<PocoNode>> Launch { get; } = new(StringComparer.Ordinal);

        public List<PopulationIssue> Issues { get; } = [];

        public int PopulatedItems { get; private set; }

        public void Issue(string path, string code, string message) => Issues.Add(new PopulationIssue(path, code, message));

        public void CountPopulated(ResponseItem item)
        {
            if (item.Answers is { Count: > 0 })
            {
                PopulatedItems++;
            }

            foreach (var child in item.Items ?? [])
            {
                CountPopulated(child);
            }

            foreach (var answer in item.Answers ?? [])
            {
                foreach (var child in answer.Items ?? [])
                {
                    CountPopulated(child);
                }
            }
        }

        public async Task LaunchAsync()
        {
            foreach (var (name, resource) in request.LaunchContext)
            {
                Launch[name] = [resource.ToPocoNode()];
            }

            foreach (var (name, reference) in request.LaunchReferences)
            {
                if (Launch.ContainsKey(name))
                {
                    continue;
                }

                var parts = reference.Split('/');
                Resource? read = null;
                if (parts.Length == 2)
                {
                    try
                    {
                        read = await request.DataSource.ReadAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // A failure of the data port is reported as an issue; its message is not repeated (it can hold data).
                    catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        Issue($"launchContext[{name}]", PopulationIssueCodes.LaunchContextMissing, $"The launch context '{name}' could not be read from the data source ({ex.GetType().Name}).");
                        continue;
                    }
                }

                if (read is null)
                {
                    Issue($"launchContext[{name}]", PopulationIssueCodes.LaunchContextMissing, $"The launch context '{name}' ({parts[0]}) was not found by the data source.");
                    continue;
                }

                Launch[name] = [read.ToPocoNode()];
            }

            foreach (var declared in questionnaire.Extension.Where(e => e.Url == LaunchContextUrl))
            {
                var nameValue = declared.GetExtension("name")?.Value;
                var name = nameValue switch
                {
                    Coding coding => coding.Code,
                    Code code => code.Value,
                    Id id => id.Value,
                    _ => null,
                };
                if (name is not null && !Launch.ContainsKey(name))
                {
                    _unavailable.Add(name);
                    if (!Issues.Any(i => i.Path == $"launchContext[{name}]"))
                    {
                        Issue($"launchContext[{name}]", PopulationIssueCodes.LaunchContextMissing, $"The Questionnaire needs the launch context '{name}', which the request does not supply; items that use it are not populated.");
                    }
                }
            }
        }

        public async Task VariablesAsync(IEnumerable<Extension> extensions, string pathPrefix, Dictionary<string, IEnumerable<PocoNode>> environment, PocoNode? focus = null)
        {
            foreach (var extension in extensions.Where(e => e.Url == VariableUrl))
            {
                if (extension.Value is not Expression { Name: { } name } expression)
                {
                    continue;
                }

                var path = pathPrefix.Length == 0 || pathPrefix == "variable" ? $"variable[{name}]" : $"{pathPrefix}.variable[{name}]";
                var value = await EvaluateAsync(expression, path, environment, focus, reportEmpty: false).ConfigureAwait(false);
                if (value is null)
                {
                    _unavailable.Add(name);
                    environment.Remove(name);
                }
                else
                {
                    _unavailable.Remove(name);
                    environment[name] = value;
                }
            }
        }

        public async Task<List<ResponseItem>> ItemsAsync(List<Questionnaire.ItemComponent> items, string parentPath, Dictionary<string, IEnumerable<PocoNode>> environment)
        {
            var result = new List<ResponseItem>();
            foreach (var item in items)
            {
                if (item.LinkId is not { } linkId || !_items.TryGetValue(linkId, out var formItem))
                {
                    continue;
                }

                var path = $"{parentPath}{(parentPath.Length == 0 ? string.Empty : ".")}item[{linkId}]";
                var focus = new QuestionnaireResponse.ItemComponent { LinkId = linkId }.ToPocoNode();
                var scope = new Dictionary<string, IEnumerable<PocoNode>>(environment, StringComparer.Ordinal)
                {
                    ["qitem"] = [item.ToPocoNode()],
                };
                if (item.GetExtension(ItemPopulationContextUrl)?.Value is Expression contextExpression && formItem.Type == FormItemType.Group)
                {
                    var contexts = await EvaluateAsync(contextExpression, path + ".extension[itemPopulationContext]", scope, focus, reportEmpty: false).ConfigureAwait(false);
                    var values = contexts is null ? [] : Unbundle(contexts);
                    if (!formItem.Repeats && values.Count > 1)
                    {
                        values = values.Take(1).ToList();
                    }

                    foreach (var value in values)
                    {
                        var repetition = new Dictionary<string, IEnumerable<PocoNode>>(scope, StringComparer.Ordinal);
                        if (contextExpression.Name is { } contextName)
                        {
                            repetition[contextName] = [value];
                        }

                        await VariablesAsync(item.Extension, path, repetition, focus).ConfigureAwait(false);
                        var children = await ItemsAsync(item.Item, path, repetition).ConfigureAwait(false);
                        result.Add(new ResponseItem { LinkId = linkId, Items = children });
                    }

                    continue;
                }

                await VariablesAsync(item.Extension, path, scope, focus).ConfigureAwait(false);
                if (formItem.Type == FormItemType.Group)
                {
                    var children = await ItemsAsync(item.Item, path, scope).ConfigureAwait(false);
                    if (children.Count > 0)
                    {
                        result.Add(new ResponseItem { LinkId = linkId, Items = children });
                    }

                    continue;
                }

                if (formItem.Type == FormItemType.Display)
                {
                    continue;
                }

                var answers = await AnswersAsync(item, formItem, path, scope, focus).ConfigureAwait(false);
                var nested = await ItemsAsync(item.Item, path, scope).ConfigureAwait(false);
                if (answers.Count > 0)
                {
                    result.Add(new ResponseItem { LinkId = linkId, Answers = [new ResponseAnswer(answers[0]) { Items = nested }, .. answers.Skip(1).Select(a => new ResponseAnswer(a))] });
                }
            }

            return result;
        }

        private async Task<List<AnswerValue>> AnswersAsync(Questionnaire.ItemComponent item, FormItem formItem, string path, Dictionary<string, IEnumerable<PocoNode>> scope, PocoNode focus)
        {
            if (item.GetExtension(InitialExpressionUrl)?.Value is Expression initial)
            {
                var values = await EvaluateAsync(initial, path, scope, focus, reportEmpty: true).ConfigureAwait(false);
                if (values is null)
                {
                    return [];
                }

                var answers = new List<AnswerValue>();
                foreach (var node in values)
                {
                    var answer = Coerce(node.Poco, formItem);
                    if (answer is null)
                    {
                        Issue(path, PopulationIssueCodes.ValueTypeMismatch, $"The initialExpression gave a {node.Poco.TypeName}, which cannot be an answer of this {formItem.Type} item; the item is not populated.");
                        return [];
                    }

                    answers.Add(answer);
                }

                return formItem.Repeats ? answers : answers.Take(1).ToList();
            }

            // Static initial values, as the engine's initial response gives them.
            return formItem.Initial is { Count: > 0 } staticInitial ? [.. staticInitial] : [];
        }

        private async Task<IEnumerable<PocoNode>?> EvaluateAsync(Expression expression, string path, Dictionary<string, IEnumerable<PocoNode>> environment, PocoNode? focus, bool reportEmpty)
        {
            var text = expression.Expression_ ?? string.Empty;
            var missing = FhirPathLanguage.NamesUsed(text).FirstOrDefault(n => _unavailable.Contains(n) || (!environment.ContainsKey(n) && IsLaunchName(n)));
            if (missing is not null)
            {
                Issue(path, PopulationIssueCodes.VariableUnavailable, $"The expression uses '%{missing}', which has no value (a launch context not supplied, or a variable that failed); not populated.");
                return null;
            }

            IEnumerable<PocoNode>? result;
            switch (expression.Language)
            {
                case FhirPath:
                    result = Evaluate(text, path, environment, focus);
                    break;
                case FhirQuery:
                    result = await QueryAsync(text, path, environment, focus).ConfigureAwait(false);
                    break;
                default:
                    Issue(path, PopulationIssueCodes.LanguageUnsupported, $"The expression is in '{expression.Language}', which population does not evaluate.");
                    return null;
            }

            if (result is not null && reportEmpty && !result.Any())
            {
                Issue(path, PopulationIssueCodes.NoValue, "The initialExpression gave no value (nothing matched in the data source); the item is not populated.");
                return null;
            }

            return result;
        }

        private static bool IsLaunchName(string name) => name is "patient" or "user" or "encounter" or "location" or "study";

        private List<PocoNode>? Evaluate(string text, string path, Dictionary<string, IEnumerable<PocoNode>> environment, PocoNode? focus)
        {
            try
            {
                var compiled = FhirPathLanguage.CompileText(text);
                var env = new Dictionary<string, IEnumerable<PocoNode>>(environment, StringComparer.Ordinal) { ["questionnaire"] = [_questionnaireNode] };
                var context = new FhirEvaluationContext { Resource = _resource, RootResource = _resource, Environment = env };
                return compiled([focus ?? _resource], context).ToList();
            }
#pragma warning disable CA1031 // Any failure of one expression is that item's issue; its message is not repeated (it can quote data).
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Issue(path, PopulationIssueCodes.ExpressionFailed, $"The expression could not be evaluated ({ex.GetType().Name}); not populated.");
                return null;
            }
        }

        private async Task<List<PocoNode>?> QueryAsync(string text, string path, Dictionary<string, IEnumerable<PocoNode>> environment, PocoNode? focus)
        {
            var query = new StringBuilder();
            var last = 0;
            foreach (Match match in Embedded().Matches(text))
            {
                query.Append(text, last, match.Index - last);
                var values = Evaluate(match.Groups[1].Value, path, environment, focus);
                if (values is null)
                {
                    return null;
                }

                var parts = values.Select(v => v.Poco is PrimitiveType primitive ? primitive.ToString() : null).OfType<string>().ToList();
                if (parts.Count == 0)
                {
                    Issue(path, PopulationIssueCodes.VariableUnavailable, $"The query's embedded expression '{{{{{match.Groups[1].Value}}}}}' gave no value; the query is not run.");
                    return null;
                }

                query.Append(string.Join(',', parts.Select(Uri.EscapeDataString)));
                last = match.Index + match.Length;
            }

            query.Append(text, last, text.Length - last);
            try
            {
                var bundle = await request.DataSource.SearchAsync(query.ToString(), cancellationToken).ConfigureAwait(false);
                return [bundle.ToPocoNode()];
            }
#pragma warning disable CA1031 // A failure of the data port is that variable's issue; its message is not repeated (it can hold data).
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Issue(path, PopulationIssueCodes.QueryFailed, $"The query '{text}' failed in the data source ({ex.GetType().Name}); items that use it are not populated.");
                return null;
            }
        }

        /// <summary>The values of an item population context: a Bundle's entries' resources, or the values themselves.</summary>
        private static List<PocoNode> Unbundle(IEnumerable<PocoNode> values)
        {
            var result = new List<PocoNode>();
            foreach (var value in values)
            {
                if (value.Poco is Bundle bundle)
                {
                    result.AddRange(bundle.Entry.Where(e => e.Resource is not null).Select(e => e.Resource!.ToPocoNode()));
                }
                else
                {
                    result.Add(value);
                }
            }

            return result;
        }

        private static AnswerValue? Coerce(Base poco, FormItem item)
        {
            var value = poco switch
            {
                CodeableConcept concept => concept.Coding.FirstOrDefault() is { } first ? AnswerPoco.FromPoco(first) : null,
                Code code when item.Type is FormItemType.Choice or FormItemType.OpenChoice => Option(item, code.Value),
                FhirString text when item.Type is FormItemType.Choice or FormItemType.OpenChoice && Option(item, text.Value) is { } option => option,
                _ => AnswerPoco.FromPoco(poco),
            };
            if (value is null)
            {
                return null;
            }

            return (item.Type, value) switch
            {
                (FormItemType.Decimal, DecimalAnswer) => value,
                (FormItemType.Decimal, IntegerAnswer i) => new DecimalAnswer(i.Value),
                (FormItemType.Decimal, QuantityAnswer { Value.Value: { } q }) => new DecimalAnswer(q),
                (FormItemType.Integer, IntegerAnswer) => value,
                (FormItemType.Integer, DecimalAnswer d) when d.Value == decimal.Truncate(d.Value) && d.Value is >= int.MinValue and <= int.MaxValue => new IntegerAnswer((int)d.Value),
                (FormItemType.Quantity, QuantityAnswer) => value,
                (FormItemType.Quantity, DecimalAnswer d) => new QuantityAnswer(new FormQuantity(d.Value, item.Unit?.Display ?? item.Unit?.Code, item.Unit?.System, item.Unit?.Code)),
                (FormItemType.Boolean, BooleanAnswer) => value,
                (FormItemType.Date, DateAnswer) => value,
                (FormItemType.Date, DateTimeAnswer dt) => new DateAnswer(dt.Value.Date),
                (FormItemType.DateTime, DateTimeAnswer) => value,
                (FormItemType.DateTime, DateAnswer d) => new DateTimeAnswer(FormDateTime.Parse(d.Value.ToString())),
                (FormItemType.Time, TimeAnswer) => value,
                (FormItemType.String or FormItemType.Text, StringAnswer) => value,
                (FormItemType.String or FormItemType.Text, UriAnswer or IntegerAnswer or DecimalAnswer or DateAnswer) => new StringAnswer(value.FormatValue()),
                (FormItemType.Url, UriAnswer) => value,
                (FormItemType.Url, StringAnswer s) => new UriAnswer(s.Value),
                (FormItemType.Choice or FormItemType.OpenChoice, CodingAnswer) => value,
                (FormItemType.OpenChoice, StringAnswer) => value,
                (FormItemType.Reference, ReferenceAnswer) => value,
                (FormItemType.Attachment, AttachmentAnswer) => value,
                _ => null,
            };
        }

        private static AnswerValue? Option(FormItem item, string? code)
            => item.AnswerOptions.FirstOrDefault(o => o.Value is CodingAnswer c && c.Value.Code == code)?.Value;

        private static Dictionary<string, FormItem> Index(IReadOnlyList<FormItem>? items, Dictionary<string, FormItem> into)
        {
            foreach (var item in items ?? [])
            {
                if (item is not null)
                {
                    into.TryAdd(item.LinkId, item);
                    Index(item.Items, into);
                }
            }

            return into;
        }
    }
}
