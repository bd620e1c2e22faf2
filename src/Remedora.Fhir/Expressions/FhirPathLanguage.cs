using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Expressions;

/// <summary>
/// FHIRPath (<c>text/fhirpath</c>) for Remedora.Intake forms, on Firely's FHIRPath engine, with the SDC functions
/// <c>ordinal()</c>, <c>weight()</c>, <c>answers()</c> and the aggregate <c>sum()</c>. Each expression is parsed and
/// compiled once per definition version; it is evaluated against the current answers as a QuestionnaireResponse
/// (<c>%resource</c>), with <c>%context</c> the QuestionnaireResponse item of an item-level expression,
/// <c>%questionnaire</c> and <c>%qitem</c>, and the form's variables by name.
/// </summary>
/// <remarks>Register one instance with the <see cref="Intake.Engine.FormEngine"/>; it is thread-safe.</remarks>
public sealed partial class FhirPathLanguage : IExpressionLanguage
{
    private static readonly Lazy<FhirPathCompiler> SharedCompiler = new(CreateCompiler, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc/>
    public string Language => ExpressionLanguages.FhirPath;

    /// <inheritdoc/>
    public ICompiledExpression Compile(FormExpression expression, ExpressionCompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        CompiledExpression compiled;
        try
        {
            compiled = SharedCompiler.Value.Compile(Lenient(expression.Expression));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new ExpressionCompilationException($"The FHIRPath expression{(expression.Name is null ? string.Empty : $" '{expression.Name}'")} does not compile: {ex.Message}. Fix the expression.", ex);
        }

        var shared = context.GetOrAddShared("fhirpath:questionnaire", static definition => new QuestionnaireNodes(definition));
        var qitem = context.Item is null ? null : shared.FindItem(context.Item.LinkId);
        var usedNames = PercentName().Matches(expression.Expression).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .Where(n => n is not ("resource" or "context" or "rootResource" or "ucum" or "sct" or "loinc")).Distinct(StringComparer.Ordinal).ToArray();
        return new CompiledFhirPath(compiled, shared, qitem, usedNames);
    }

    /// <summary>Compiles FHIRPath read as <see cref="Lenient"/> reads it, with the SDC functions, for evaluation outside a form run ($populate).</summary>
    internal static CompiledExpression CompileText(string text) => SharedCompiler.Value.Compile(Lenient(text));

    /// <summary>The <c>%name</c>s an expression uses.</summary>
    internal static IEnumerable<string> NamesUsed(string text)
        => PercentName().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct(StringComparer.Ordinal);

    internal static bool TryParse(string text, [NotNullWhen(false)] out string? error)
    {
        try
        {
            SharedCompiler.Value.Compile(Lenient(text));
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            error = ex.Message;
            return false;
        }
    }

    [GeneratedRegex(@"%(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex PercentName();

    /// <summary>
    /// Reads FHIRPath the way forms in the wild write it and other engines accept it: a type-suffixed choice element
    /// (<c>answer.valueDecimal</c>) is read as <c>answer.value.ofType(decimal)</c>, and a backslash that does not start
    /// a FHIRPath escape inside a string literal (<c>'\\d{3}'</c> in a regular expression) is kept as a backslash.
    /// </summary>
    internal static string Lenient(string text)
    {
        text = WhereLinkIdToLookup(text);
        var sb = new System.Text.StringBuilder(text.Length + 16);
        var code = new System.Text.StringBuilder();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inString)
            {
                if (c == '\'')
                {
                    sb.Append(RewriteCode(code.ToString()));
                    code.Clear();
                    inString = true;
                    sb.Append(c);
                }
                else
                {
                    code.Append(c);
                }

                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                sb.Append(next is '\'' or '"' or '`' or 'r' or 'n' or 't' or 'f' or '\\' or '/' or 'u' ? "\\" : "\\\\").Append(next);
                i++;
                continue;
            }

            if (c == '\'')
            {
                inString = false;
            }

            sb.Append(c);
        }

        sb.Append(RewriteCode(code.ToString()));
        return sb.ToString();
    }

    /// <summary>
    /// Rewrites the code (not the string literals) of an expression: choice suffixes become <c>ofType()</c>, and
    /// <c>repeat(name)</c> over a plain element name becomes the linear <c>remedoraRepeat('name')</c>. Firely's
    /// <c>repeat()</c> keeps its output free of duplicates by comparing each new node with every node found so far,
    /// value by value, which is quadratic in the nodes and deep in each comparison: <c>%resource.repeat(item)</c> over
    /// the 142-item cardiology referral took hundreds of milliseconds. Nodes of one tree are told apart by identity.
    /// </summary>
    private static string RewriteCode(string code)
    {
        var rewritten = ChoiceSuffix().Replace(code, ChoiceToOfType);
        return RepeatOfName().Replace(rewritten, static m => $"{m.Groups[1].Value}{SdcFunctions.RepeatFunction}('{m.Groups[2].Value}')");
    }

    /// <summary>
    /// Rewrites <c>.where(linkId = 'x')</c> (a string literal, in code rather than inside a string) as
    /// <c>.remedoraLinkId('x')</c>, which gives the same nodes: those whose one <c>linkId</c> equals the literal. Firely
    /// evaluates a <c>where()</c> lambda per node at a cost of microseconds each, so the SDC idiom
    /// <c>%resource.repeat(item).where(linkId='q')</c> cost milliseconds on a filled 142-item form; the rewrite compares
    /// the linkId of each node directly.
    /// </summary>
    private static string WhereLinkIdToLookup(string text)
    {
        if (!text.Contains("linkId", StringComparison.Ordinal))
        {
            return text;
        }

        return WhereLinkId().Replace(text, m => OutsideStrings(text, m.Index)
            ? $".{SdcFunctions.LinkIdFunction}('{m.Groups[1].Value}')"
            : m.Value);
    }

    /// <summary>Whether a position of the text is in code rather than inside a string literal or a delimited identifier.</summary>
    private static bool OutsideStrings(string text, int position)
    {
        char? open = null;
        for (var i = 0; i < position; i++)
        {
            var c = text[i];
            if (open is null)
            {
                if (c is '\'' or '`')
                {
                    open = c;
                }
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == open)
            {
                open = null;
            }
        }

        return open is null;
    }

    [GeneratedRegex(@"\.\s*where\(\s*linkId\s*=\s*'((?:[^'\\]|\\.)*)'\s*\)")]
    private static partial Regex WhereLinkId();

    [GeneratedRegex(@"(^|[^A-Za-z0-9_`])repeat\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\)")]
    private static partial Regex RepeatOfName();

    private static string ChoiceToOfType(Match m)
    {
        var type = m.Groups[2].Value;
        var fhirType = PrimitiveSuffixes.Contains(type) ? char.ToLowerInvariant(type[0]) + type[1..] : type;
        return $"{m.Groups[1].Value}.ofType({fhirType})";
    }

    private static readonly HashSet<string> PrimitiveSuffixes = new(StringComparer.Ordinal)
    {
        "Boolean", "Decimal", "Integer", "DateTime", "Date", "Time", "Instant", "String", "Uri", "Url", "Canonical", "Code",
        "Id", "Oid", "Uuid", "Markdown", "Base64Binary", "PositiveInt", "UnsignedInt",
    };

    /// <summary>
    /// A type-suffixed name of a choice element of Questionnaire, QuestionnaireResponse or Extension (<c>value[x]</c>,
    /// <c>answer[x]</c>) wherever a path step can start: after <c>.</c>, at the start, or as the first step inside a
    /// function argument or parentheses (<c>where(valueCoding.code='a')</c>), but never a <c>%variable</c>, a
    /// delimited identifier or part of a longer name.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_%`$])(value|answer)(Boolean|Decimal|Integer|DateTime|Date|Time|Instant|String|Uri|Url|Canonical|Code|Id|Oid|Uuid|Markdown|Base64Binary|PositiveInt|UnsignedInt|Coding|CodeableConcept|Quantity|Attachment|Reference|Expression|Period|Range|Ratio|Identifier|Duration|Age|Count|Distance|Money|SampledData|Signature|HumanName|Address|ContactPoint|Timing|Annotation|ContactDetail|UsageContext|Dosage|Meta|RelatedArtifact|DataRequirement|ParameterDefinition|TriggerDefinition|Contributor)(?![A-Za-z0-9_`])")]
    private static partial Regex ChoiceSuffix();

    private static FhirPathCompiler CreateCompiler()
    {
        var symbols = new SymbolTable().AddStandardFP().AddFhirExtensions();
        symbols.Add("ordinal", (IEnumerable<PocoNode> focus, EvaluationContext ctx) => SdcFunctions.Ordinal(focus, ctx));
        symbols.Add("weight", (IEnumerable<PocoNode> focus, EvaluationContext ctx) => SdcFunctions.Ordinal(focus, ctx));
        symbols.Add("answers", (IEnumerable<PocoNode> focus) => SdcFunctions.Answers(focus));
        symbols.Add("sum", (IEnumerable<PocoNode> focus) => SdcFunctions.Sum(focus));
        symbols.Add(SdcFunctions.LinkIdFunction, (IEnumerable<PocoNode> focus, string linkId) => SdcFunctions.WhereLinkId(focus, linkId));
        symbols.Add(SdcFunctions.RepeatFunction, (IEnumerable<PocoNode> focus, string name) => SdcFunctions.Repeat(focus, name));
        return new FhirPathCompiler(symbols);
    }

    private sealed class CompiledFhirPath(CompiledExpression compiled, QuestionnaireNodes questionnaire, PocoNode? qitem, string[] usedNames) : ICompiledExpression
    {
        // Firely reads the environment once when an evaluation starts, so it holds the variables the expression names.
        private Dictionary<string, IEnumerable<PocoNode>> Environment(ExpressionEvaluationContext context)
        {
            var environment = new Dictionary<string, IEnumerable<PocoNode>>(usedNames.Length, StringComparer.Ordinal);
            foreach (var name in usedNames)
            {
                switch (name)
                {
                    case "questionnaire":
                        environment[name] = [questionnaire.Root];
                        break;
                    case "qitem":
                        if (qitem is not null)
                        {
                            environment[name] = [qitem];
                        }

                        break;
                    default:
                        if (context.TryGetVariable(name, out var value))
                        {
                            environment[name] = ToNodes(value);
                        }

                        break;
                }
            }

            return environment;
        }

        private static List<PocoNode> ToNodes(ExpressionResult result)
        {
            var nodes = new List<PocoNode>(result.Count);
            foreach (var item in result)
            {
                switch (item)
                {
                    case PocoNode node:
                        nodes.Add(node);
                        break;
                    case AnswerValue value:
                        nodes.Add(AnswerPoco.ToPoco(value).ToPocoNode());
                        break;
                    default:
                        break;
                }
            }

            return nodes;
        }

        public ExpressionResult Evaluate(ExpressionEvaluationContext context)
        {
            var view = context.GetOrAddState("fhirpath:response", c => new ResponseView(c, questionnaire.OptionScores));
            PocoNode focus = view.Root;
            if (context.Item is { } item)
            {
                focus = view.Find(item.Segments) ?? new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId }.ToPocoNode();
            }

            var fhirContext = new SdcEvaluationContext(context)
            {
                Resource = view.Root,
                RootResource = view.Root,
                Environment = Environment(context),
            };
            var result = new List<object>();
            foreach (var node in compiled([focus], fhirContext))
            {
                result.Add(ToResult(node, view));
            }

            return ExpressionResult.Of(result);
        }

        // A score the view put on an answer for evaluation is not part of the answer: a calculated copy does not keep it.
        private static object ToResult(PocoNode node, ResponseView view)
            => view.ToAnswer(node.Poco) is { } value ? value : node;
    }

    /// <summary>
    /// The Questionnaire (FHIRPath <c>%questionnaire</c>), built once per definition version: the resource the definition
    /// was imported from, as imported; the definition's export only for a definition built in C# or changed after import.
    /// </summary>
    private sealed class QuestionnaireNodes
    {
        private readonly Dictionary<string, PocoNode> _items = new(StringComparer.Ordinal);

        public QuestionnaireNodes(FormDefinition definition)
        {
            Root = (QuestionnaireSources.Find(definition) ?? QuestionnaireMapper.Export(definition)).ToPocoNode();
            Index(Root);
        }

        public PocoNode Root { get; }

        public PocoNode? FindItem(string linkId) => _items.GetValueOrDefault(linkId);

        /// <summary>The ordinalValue/itemWeight extensions of the item's answer option that matches a coding, as the Questionnaire holds them.</summary>
        public IReadOnlyList<Extension>? OptionScores(string linkId, Coding coding)
        {
            if (FindItem(linkId)?.Poco is not Questionnaire.ItemComponent item)
            {
                return null;
            }

            foreach (var option in item.AnswerOption)
            {
                if (option.Value is Coding candidate && candidate.Code == coding.Code
                    && (candidate.System is null || coding.System is null || candidate.System == coding.System))
                {
                    var scores = option.Extension.Where(e => e.Url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight).ToList();
                    if (scores.Count == 0 && candidate.Extension.Any(e => e.Url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight))
                    {
                        scores = candidate.Extension.Where(e => e.Url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight).ToList();
                    }

                    return scores;
                }
            }

            return null;
        }

        private void Index(PocoNode node)
        {
            foreach (var item in node.Child("item") ?? Enumerable.Empty<PocoNode>())
            {
                if (item.Poco is Questionnaire.ItemComponent { LinkId: { } linkId })
                {
                    _items.TryAdd(linkId, item);
                }

                Index(item);
            }
        }
    }
}
