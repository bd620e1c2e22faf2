using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Remedora.Fhir.Expressions;
using Remedora.Intake;
using Remedora.Intake.Expressions;
using static Remedora.Fhir.Mapping.AnswerJson;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Maps a Questionnaire in canonical FHIR JSON (as written by the Firely serializer) to a <see cref="FormDefinition"/>.</summary>
internal sealed partial class QuestionnaireReader
{
    private static readonly HashSet<string> RootMapped = new(StringComparer.Ordinal)
    {
        "resourceType", "url", "version", "name", "title", "status", "experimental", "date", "publisher", "description", "purpose",
        "copyright", "approvalDate", "lastReviewDate", "effectivePeriod", "language", "subjectType", "code", "identifier",
        "derivedFrom", "item", "extension", "contained",
    };

    private static readonly HashSet<string> ItemMapped = new(StringComparer.Ordinal)
    {
        "linkId", "definition", "code", "prefix", "text", "type", "enableWhen", "enableBehavior", "required", "repeats", "readOnly",
        "maxLength", "answerValueSet", "answerOption", "initial", "item", "extension",
    };

    private static readonly HashSet<string> BuiltInVariables = new(StringComparer.Ordinal)
    {
        "resource", "context", "questionnaire", "qitem", "rootResource", "ucum", "sct", "loinc", "factory", "terminologies", "server",
    };

    private readonly List<QuestionnaireImportIssue> _issues = [];
    private readonly QuestionnaireImportOptions _options;
    private readonly Dictionary<string, (string Code, string Reason)> _unavailable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _containedValueSets = new(StringComparer.Ordinal);

    public QuestionnaireReader(QuestionnaireImportOptions options) => _options = options;

    public IReadOnlyList<QuestionnaireImportIssue> Issues => _issues;

    public FormDefinition ReadDefinition(JsonObject q)
    {
        var unmapped = Unmapped(q, RootMapped);
        var id = Str(q, "id");
        var url = Str(q, "url");
        if (url is null)
        {
            url = _options.FallbackUrl ?? (id is not null ? $"urn:remedora:questionnaire:{id}" : _options.Strict ? string.Empty : ContentUrl(q));
            if (_options.Strict && _options.FallbackUrl is null)
            {
                Issue("url", QuestionnaireImportIssueCodes.UrlAssigned, "The Questionnaire has no url (strict import: rule Questionnaire.url is required to name the form). Give it a canonical url, or set QuestionnaireImportOptions.FallbackUrl.", ImportIssueSeverity.Error);
            }
            else if (url.Length == 0)
            {
                Issue("url", QuestionnaireImportIssueCodes.UrlAssigned, "The Questionnaire has neither url nor id. Give it a canonical url, or set QuestionnaireImportOptions.FallbackUrl.", ImportIssueSeverity.Error);
            }
            else
            {
                Issue("url", QuestionnaireImportIssueCodes.UrlAssigned, $"The Questionnaire has no url; '{url}' was assigned. Give it a canonical url so answers name it.", ImportIssueSeverity.Warning);
            }
        }

        var version = Str(q, "version");
        if (version is null)
        {
            version = _options.FallbackVersion;
            Issue("version", QuestionnaireImportIssueCodes.VersionAssigned, $"The Questionnaire has no version; '{version}' was assigned. Give it a version so answers record the exact one they answered.", ImportIssueSeverity.Warning);
        }

        var valueSets = new List<FormValueSet>();
        var otherContained = new JsonArray();
        foreach (var contained in q["contained"] as JsonArray ?? [])
        {
            if (contained is JsonObject vs && Str(vs, "resourceType") == "ValueSet" && Str(vs, "id") is { } vsId && ReadValueSet(vs, vsId) is { } formValueSet)
            {
                valueSets.Add(formValueSet);
                _containedValueSets.Add(vsId);
            }
            else if (contained is not null)
            {
                otherContained.Add(contained.DeepClone());
            }
        }

        if (otherContained.Count > 0)
        {
            unmapped["contained"] = otherContained.ToJsonString();
        }

        var rootExtensions = new List<FormExtension>();
        var variables = new List<FormExpression>();
        foreach (var ext in Extensions(q))
        {
            var extUrl = Str(ext, "url") ?? string.Empty;
            if (extUrl == SdcUrls.Variable && ReadExpression(ext, "extension[variable]", ExpressionRole.Variable) is { } variable)
            {
                variables.Add(variable);
            }
            else
            {
                rootExtensions.Add(Raw(ext));
            }
        }

        var definition = new FormDefinition
        {
            Url = url,
            Version = version,
            Name = Str(q, "name"),
            Title = Str(q, "title"),
            Status = Str(q, "status") switch
            {
                "active" => FormStatus.Active,
                "retired" => FormStatus.Retired,
                "unknown" => FormStatus.Unknown,
                _ => FormStatus.Draft,
            },
            Experimental = q["experimental"]?.GetValue<bool>(),
            Date = Str(q, "date") is { } date ? FormDateTime.Parse(date, CultureInfo.InvariantCulture) : null,
            Publisher = Str(q, "publisher"),
            Description = Str(q, "description"),
            Purpose = Str(q, "purpose"),
            Copyright = Str(q, "copyright"),
            ApprovalDate = Str(q, "approvalDate") is { } approval ? FormDate.Parse(approval, CultureInfo.InvariantCulture) : null,
            LastReviewDate = Str(q, "lastReviewDate") is { } review ? FormDate.Parse(review, CultureInfo.InvariantCulture) : null,
            EffectivePeriod = q["effectivePeriod"] is JsonObject period
                ? new FormPeriod(Str(period, "start") is { } s ? FormDateTime.Parse(s, CultureInfo.InvariantCulture) : null, Str(period, "end") is { } e ? FormDateTime.Parse(e, CultureInfo.InvariantCulture) : null)
                : null,
            Language = Str(q, "language"),
            SubjectTypes = Strings(q["subjectType"]),
            Codes = Codings(q["code"]),
            Identifiers = (q["identifier"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new FormIdentifier(Str(i, "system"), Str(i, "value"))).ToList(),
            DerivedFrom = Strings(q["derivedFrom"]),
            Variables = variables,
            ValueSets = valueSets,
            Extensions = rootExtensions,
            UnmappedElements = unmapped,
        };

        var items = ReadItems(q["item"] as JsonArray, string.Empty);
        return definition with { Items = items };
    }

    private List<FormItem> ReadItems(JsonArray? items, string parentPath)
    {
        var result = new List<FormItem>();
        foreach (var node in items ?? [])
        {
            if (node is JsonObject item)
            {
                result.Add(ReadItem(item, parentPath));
            }
        }

        return result;
    }

    private FormItem ReadItem(JsonObject j, string parentPath)
    {
        var linkId = Str(j, "linkId") ?? string.Empty;
        var path = $"{parentPath}{(parentPath.Length == 0 ? string.Empty : ".")}item[{linkId}]";
        var unmapped = Unmapped(j, ItemMapped);
        var typeCode = Str(j, "type");
        FormItemType type;
        if (!TryItemType(typeCode, out type))
        {
            Issue(path, QuestionnaireImportIssueCodes.TypeMismatch, $"The item type '{typeCode}' is not an R4 item type; the item is imported as a display item and its type is kept for export.", ImportIssueSeverity.Error);
            unmapped["type"] = JsonSerializer.Serialize(typeCode);
            type = FormItemType.Display;
        }

        var extensions = new List<FormExtension>();
        var variables = new List<FormExpression>();
        var constraints = new List<FormConstraint>();
        var unitOptions = new List<FormCoding>();
        var mimeTypes = new List<string>();
        bool hidden = false;
        int? minOccurs = null, maxOccurs = null, minLength = null, maxDecimalPlaces = null;
        long? maxSize = null;
        AnswerValue? minValue = null, maxValue = null;
        string? regex = null, entryFormat = null, unitValueSet = null;
        FormCoding? unit = null;
        FormExpression? calculated = null, enableWhenExpression = null, initialExpression = null;

        var all = Extensions(j).ToList();

        // Variables first: the item's other expressions may use them.
        foreach (var ext in all.Where(e => Str(e, "url") == SdcUrls.Variable))
        {
            if (ReadExpression(ext, path + ".extension[variable]", ExpressionRole.Variable) is { } variable)
            {
                variables.Add(variable);
            }
            else
            {
                extensions.Add(Raw(ext));
            }
        }

        foreach (var ext in all)
        {
            var url = Str(ext, "url") ?? string.Empty;
            var handled = url switch
            {
                SdcUrls.Variable => true,
                SdcUrls.Hidden when ext["valueBoolean"] is JsonValue v && v.GetValueKind() == JsonValueKind.False => false,
                SdcUrls.Hidden => Take(ext, "valueBoolean", n => hidden = n.GetValue<bool>()),
                SdcUrls.MinOccurs => Take(ext, "valueInteger", n => minOccurs = n.GetValue<int>()),
                SdcUrls.MaxOccurs => Take(ext, "valueInteger", n => maxOccurs = n.GetValue<int>()),
                SdcUrls.MinLength => Take(ext, "valueInteger", n => minLength = n.GetValue<int>()),
                SdcUrls.MaxDecimalPlaces => Take(ext, "valueInteger", n => maxDecimalPlaces = n.GetValue<int>()),
                SdcUrls.Regex => Take(ext, "valueString", n => regex = n.GetValue<string>()),
                SdcUrls.EntryFormat => Take(ext, "valueString", n => entryFormat = n.GetValue<string>()),
                SdcUrls.Unit => Take(ext, "valueCoding", n => unit = ReadCoding(n.AsObject())),
                SdcUrls.UnitOption => Take(ext, "valueCoding", n => unitOptions.Add(ReadCoding(n.AsObject()))),
                SdcUrls.UnitValueSet => Take(ext, "valueCanonical", n => unitValueSet = n.GetValue<string>()),
                SdcUrls.MimeType => Take(ext, "valueCode", n => mimeTypes.Add(n.GetValue<string>())),
                SdcUrls.MaxSize => Take(ext, "valueDecimal", n => maxSize = decimal.ToInt64(Number(n)), n => Number(n) == decimal.Truncate(Number(n)) && Number(n) >= 0),
                SdcUrls.MinValue => TakeValue(ext, path, type, v => minValue = v),
                SdcUrls.MaxValue => TakeValue(ext, path, type, v => maxValue = v),
                SdcUrls.CalculatedExpression => (calculated = ReadExpression(ext, path + ".extension[calculatedExpression]", ExpressionRole.CalculatedValue)) is not null,
                SdcUrls.EnableWhenExpression => (enableWhenExpression = ReadExpression(ext, path + ".extension[enableWhenExpression]", ExpressionRole.EnableWhen)) is not null,
                SdcUrls.InitialExpression => (initialExpression = ReadExpression(ext, path + ".extension[initialExpression]", ExpressionRole.InitialValue)) is not null,
                SdcUrls.TargetConstraint => ReadConstraint(ext, path, constraints),
                SdcUrls.AnswerExpression => NotEvaluated(path, "The answerExpression (answers computed at run time) is not evaluated: answers are not restricted by it. List the answers with answerOption or a contained value set."),
                _ => false,
            };

            if (!handled)
            {
                extensions.Add(Raw(ext));
            }
        }

        var options = new List<AnswerOption>();
        var optionIndex = 0;
        foreach (var node in j["answerOption"] as JsonArray ?? [])
        {
            if (node is JsonObject option)
            {
                options.Add(ReadOption(option, $"{path}.answerOption[{optionIndex}]", type));
            }

            optionIndex++;
        }

        var initial = new List<AnswerValue>();
        var initialIndex = 0;
        foreach (var node in j["initial"] as JsonArray ?? [])
        {
            if (node is JsonObject init && Find(init, "value") is { } found && Read(found.Property[5..], found.Node) is { } value)
            {
                if (!Fits(type, value))
                {
                    Issue($"{path}.initial[{initialIndex}]", QuestionnaireImportIssueCodes.TypeMismatch, $"The initial value is a {found.Property[5..]}, which does not fit a {typeCode} item: it is kept for export but never used. Fix the Questionnaire (for example give a {typeCode} item a value{ExpectedSuffix(type)}).", ImportIssueSeverity.Error);
                }

                initial.Add(value);
            }

            initialIndex++;
        }

        var enableWhen = new List<EnableWhenCondition>();
        var conditionIndex = 0;
        foreach (var node in j["enableWhen"] as JsonArray ?? [])
        {
            if (node is JsonObject condition && ReadCondition(condition) is { } read)
            {
                enableWhen.Add(read);
            }
            else
            {
                Issue($"{path}.enableWhen[{conditionIndex}]", QuestionnaireImportIssueCodes.TypeMismatch, "The enableWhen condition has no question, operator or answer the model can read; the item is always enabled by it. Fix the condition.", ImportIssueSeverity.Error);
            }

            conditionIndex++;
        }

        // Explicit defaults (required: false, enableBehavior with one condition) are kept as written.
        foreach (var flag in (string[])["required", "repeats", "readOnly"])
        {
            if (j[flag] is JsonValue f && f.GetValueKind() == JsonValueKind.False)
            {
                unmapped[flag] = "false";
            }
        }

        if (Str(j, "enableBehavior") is { } behavior && enableWhen.Count <= 1 && behavior != "any")
        {
            unmapped["enableBehavior"] = JsonSerializer.Serialize(behavior);
        }

        var answerValueSet = Str(j, "answerValueSet");
        if (answerValueSet is not null)
        {
            if (answerValueSet.StartsWith('#'))
            {
                if (!_containedValueSets.Contains(answerValueSet[1..]))
                {
                    Issue(path + ".answerValueSet", QuestionnaireImportIssueCodes.ValueSetNotEnumerable, $"The contained value set '{answerValueSet}' is missing or does not list its concepts; answers cannot be checked against it without a terminology source. List the concepts in the contained value set (compose.include.concept).", ImportIssueSeverity.Error);
                    unmapped["answerValueSet"] = JsonSerializer.Serialize(answerValueSet);
                    answerValueSet = null;
                }
            }
            else
            {
                Issue(path + ".answerValueSet", QuestionnaireImportIssueCodes.ExternalValueSet, $"The value set '{answerValueSet}' is not contained in the Questionnaire and no terminology source is configured: answers are not checked against it. Contain the value set with its concepts to have answers checked.", ImportIssueSeverity.Warning);
            }
        }

        return new FormItem
        {
            LinkId = linkId,
            Type = type,
            Text = Str(j, "text"),
            Prefix = Str(j, "prefix"),
            Definition = Str(j, "definition"),
            Codes = Codings(j["code"]),
            Required = j["required"]?.GetValue<bool>() ?? false,
            Repeats = j["repeats"]?.GetValue<bool>() ?? false,
            ReadOnly = j["readOnly"]?.GetValue<bool>() ?? false,
            Hidden = hidden,
            MinOccurs = minOccurs,
            MaxOccurs = maxOccurs,
            MaxLength = j["maxLength"]?.GetValue<int>(),
            MinLength = minLength,
            MinValue = minValue,
            MaxValue = maxValue,
            MaxDecimalPlaces = maxDecimalPlaces,
            Regex = regex,
            EntryFormat = entryFormat,
            Unit = unit,
            UnitOptions = unitOptions,
            UnitValueSet = unitValueSet,
            AllowedContentTypes = mimeTypes,
            MaxAttachmentSize = maxSize,
            AnswerOptions = options,
            AnswerValueSet = answerValueSet,
            Initial = initial,
            InitialExpression = initialExpression,
            EnableWhen = enableWhen,
            EnableBehavior = Str(j, "enableBehavior") == "any" ? EnableBehavior.Any : EnableBehavior.All,
            EnableWhenExpression = enableWhenExpression,
            CalculatedExpression = calculated,
            Variables = variables,
            Constraints = constraints,
            Items = ReadItems(j["item"] as JsonArray, path),
            Extensions = extensions,
            UnmappedElements = unmapped,
        };

        bool TakeValue(JsonObject ext, string itemPath, FormItemType itemType, Action<AnswerValue> set)
        {
            if (Read(ext, "value") is { } v && Fits(itemType, v))
            {
                set(v);
                return true;
            }

            Issue(itemPath + ".extension", QuestionnaireImportIssueCodes.ExtensionValueInvalid, $"The {Str(ext, "url")} extension has a value that does not fit the item's type; it is kept for export but not checked.", ImportIssueSeverity.Error);
            return false;
        }
    }

    private bool NotEvaluated(string path, string message)
    {
        Issue(path + ".extension[answerExpression]", QuestionnaireImportIssueCodes.AnswerExpressionUnsupported, message, ImportIssueSeverity.Error);
        return false;
    }

    private bool Take(JsonObject ext, string property, Action<JsonNode> set, Func<JsonNode, bool>? valid = null)
    {
        if (ext.TryGetPropertyValue(property, out var value) && value is not null && ext.Count == 2)
        {
            try
            {
                if (valid is null || valid(value))
                {
                    set(value);
                    return true;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
            {
                // reported below
            }
        }

        Issue("extension", QuestionnaireImportIssueCodes.ExtensionValueInvalid, $"The {Str(ext, "url")} extension has no {property} the model can read; it is kept for export but not interpreted.", ImportIssueSeverity.Error);
        return false;
    }

    private AnswerOption ReadOption(JsonObject j, string path, FormItemType type)
    {
        var unmapped = Unmapped(j, new HashSet<string>(StringComparer.Ordinal) { "extension", "initialSelected" }, "value");
        decimal? score = null;
        var extensions = new List<FormExtension>();
        foreach (var ext in Extensions(j))
        {
            var url = Str(ext, "url");
            if ((url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight) && score is null && ext["valueDecimal"] is { } n)
            {
                score = Number(n);
            }
            else
            {
                extensions.Add(Raw(ext));
            }
        }

        AnswerValue value;
        if (Find(j, "value") is { } found && Read(found.Property[5..], found.Node) is { } read)
        {
            value = read;
            if (!Fits(type, read))
            {
                Issue(path, QuestionnaireImportIssueCodes.TypeMismatch, $"The answer option is a {found.Property[5..]}, which does not fit the item's type; it can never be chosen.", ImportIssueSeverity.Error);
            }
        }
        else
        {
            Issue(path, QuestionnaireImportIssueCodes.TypeMismatch, "The answer option has no value the model can read; it is kept for export but cannot be chosen.", ImportIssueSeverity.Error);
            value = new StringAnswer(string.Empty);
        }

        return new AnswerOption
        {
            Value = value,
            InitialSelected = j["initialSelected"]?.GetValue<bool>() ?? false,
            Score = score,
            Extensions = extensions,
            UnmappedElements = unmapped,
        };
    }

    private static EnableWhenCondition? ReadCondition(JsonObject j)
    {
        var question = Str(j, "question");
        var op = Str(j, "operator") switch
        {
            "exists" => ComparisonOperator.Exists,
            "=" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            ">" => ComparisonOperator.GreaterThan,
            "<" => ComparisonOperator.LessThan,
            ">=" => ComparisonOperator.GreaterOrEqual,
            "<=" => ComparisonOperator.LessOrEqual,
            _ => (ComparisonOperator?)null,
        };
        var answer = Read(j, "answer");
        return question is null || op is null || answer is null ? null : new EnableWhenCondition(question, op.Value, answer);
    }

    private bool ReadConstraint(JsonObject ext, string path, List<FormConstraint> constraints)
    {
        string? key = null, human = null, location = null, requirements = null, severity = null;
        JsonObject? expression = null;
        foreach (var part in ext["extension"] as JsonArray ?? [])
        {
            switch (Str(part, "url"))
            {
                case "key": key = Str(part, "valueId"); break;
                case "human": human = Str(part, "valueString"); break;
                case "location": location = Str(part, "valueString"); break;
                case "requirements": requirements = Str(part, "valueString") ?? Str(part, "valueMarkdown"); break;
                case "severity": severity = Str(part, "valueCode"); break;
                case "expression": expression = part?["valueExpression"] as JsonObject; break;
                default: break;
            }
        }

        if (key is null || human is null || expression is null)
        {
            Issue(path + ".extension[targetConstraint]", QuestionnaireImportIssueCodes.ExtensionValueInvalid, "The targetConstraint has no key, human message or expression; it is kept for export but not checked.", ImportIssueSeverity.Error);
            return false;
        }

        if (ReadExpression(new JsonObject { ["url"] = SdcUrls.TargetConstraint, ["valueExpression"] = expression.DeepClone() }, $"{path}.extension[targetConstraint:{key}]", ExpressionRole.Constraint) is not { } formExpression)
        {
            return false;
        }

        constraints.Add(new FormConstraint
        {
            Key = key,
            Severity = severity == "warning" ? ConstraintSeverity.Warning : ConstraintSeverity.Error,
            Expression = formExpression,
            HumanMessage = human,
            Location = location,
            Requirements = requirements,
        });
        return true;
    }

    /// <summary>Reads an extension's valueExpression, or reports why it cannot be evaluated (and returns null, so it is kept raw).</summary>
    private FormExpression? ReadExpression(JsonObject ext, string path, ExpressionRole role)
    {
        var value = ext["valueExpression"] as JsonObject;
        var language = Str(value, "language");
        var text = Str(value, "expression");
        var name = Str(value, "name");
        if (value is null || text is null || language is null || value.Any(p => p.Key is not ("name" or "language" or "expression" or "description" or "reference")))
        {
            Issue(path, QuestionnaireImportIssueCodes.ExtensionValueInvalid, "The expression has no language or text the engine can evaluate; it is kept for export but not evaluated.", ImportIssueSeverity.Error);
            Unavailable(role, name, QuestionnaireImportIssueCodes.ExtensionValueInvalid, "is not readable");
            return null;
        }

        if (language == ExpressionLanguages.FhirQuery)
        {
            Issue(path, QuestionnaireImportIssueCodes.FhirQueryNeedsServer, "The expression is a FHIR query, which needs a FHIR server; it is kept for export but not evaluated. Compute the value in FHIRPath from the answers, or pre-fill the answers before the form opens.", ImportIssueSeverity.Error);
            Unavailable(role, name, QuestionnaireImportIssueCodes.FhirQueryNeedsServer, "needs a FHIR server");
            return null;
        }

        if (!string.Equals(language, ExpressionLanguages.FhirPath, StringComparison.OrdinalIgnoreCase))
        {
            Issue(path, QuestionnaireImportIssueCodes.ExpressionLanguageUnsupported, $"The expression is in '{language}'; only FHIRPath is evaluated. It is kept for export but not evaluated.", ImportIssueSeverity.Error);
            Unavailable(role, name, QuestionnaireImportIssueCodes.ExpressionLanguageUnsupported, $"is in {language}");
            return null;
        }

        foreach (Match m in PercentName().Matches(text))
        {
            var used = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (_unavailable.TryGetValue(used, out var why))
            {
                Issue(path, why.Code, $"The expression uses %{used}, which {why.Reason}; it is kept for export but not evaluated.", ImportIssueSeverity.Error);
                Unavailable(role, name, why.Code, why.Reason);
                return null;
            }

            if (!BuiltInVariables.Contains(used) && !used.StartsWith("vs-", StringComparison.Ordinal) && !used.StartsWith("ext-", StringComparison.Ordinal)
                && !_options.SupportedLaunchContexts.Contains(used) && !IsFormVariable(used))
            {
                Issue(path, QuestionnaireImportIssueCodes.LaunchContextRequired, $"The expression uses %{used}, which is neither a variable of the form nor a built-in: it needs an SDC launch context. It is kept for export but not evaluated.", ImportIssueSeverity.Error);
                Unavailable(role, name, QuestionnaireImportIssueCodes.LaunchContextRequired, "needs an SDC launch context");
                return null;
            }
        }

        if (!FhirPathLanguage.TryParse(text, out var parseError))
        {
            Issue(path, QuestionnaireImportIssueCodes.ExpressionInvalid, $"The expression is not valid FHIRPath ({parseError}); it is kept for export but not evaluated.", ImportIssueSeverity.Error);
            Unavailable(role, name, QuestionnaireImportIssueCodes.ExpressionInvalid, "is not valid FHIRPath");
            return null;
        }

        return new FormExpression
        {
            Language = ExpressionLanguages.FhirPath,
            Expression = text,
            Name = name,
            Description = Str(value, "description"),
            Reference = Str(value, "reference"),
        };
    }

    private bool IsFormVariable(string name) => _allVariableNames.Contains(name);

    private readonly HashSet<string> _allVariableNames = new(StringComparer.Ordinal);

    public void CollectVariableNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (Str(o, "url") == SdcUrls.Variable && Str(o["valueExpression"], "name") is { } name)
                {
                    _allVariableNames.Add(name);
                }

                foreach (var (_, child) in o)
                {
                    CollectVariableNames(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectVariableNames(child);
                }

                break;
            default:
                break;
        }
    }

    private void Unavailable(ExpressionRole role, string? name, string code, string reason)
    {
        if (role == ExpressionRole.Variable && name is not null)
        {
            _unavailable[name] = (code, $"is a variable that {reason}");
        }
    }

    private FormValueSet? ReadValueSet(JsonObject vs, string id)
    {
        var mapped = new HashSet<string>(StringComparer.Ordinal) { "resourceType", "id", "url", "version", "name", "title", "status", "description", "extension" };
        var concepts = new List<ValueSetConcept>();
        var source = ValueSetConceptSource.Compose;
        (string Element, string What)? notEnumerable = vs["compose"] is JsonObject compose ? ReadCompose(compose, concepts) : ("compose", "has neither compose nor expansion.contains");
        if (notEnumerable is null)
        {
            mapped.Add("compose");
        }
        else if (vs["expansion"] is JsonObject expansion && expansion["contains"] is JsonArray contains)
        {
            // An expansion lists the concepts even when the compose selects them with a filter (the compose is kept as written).
            concepts.Clear();
            source = ValueSetConceptSource.Expansion;
            ReadContains(contains, concepts);
            mapped.Add("expansion");
        }
        else
        {
            return NotEnumerable(id, notEnumerable.Value.Element, notEnumerable.Value.What);
        }

        var extensions = Extensions(vs).Select(Raw).ToList();
        return new FormValueSet
        {
            Id = id,
            Url = Str(vs, "url"),
            Version = Str(vs, "version"),
            Name = Str(vs, "name"),
            Title = Str(vs, "title"),
            Status = Str(vs, "status") switch
            {
                "active" => FormStatus.Active,
                "retired" => FormStatus.Retired,
                "unknown" => FormStatus.Unknown,
                "draft" => FormStatus.Draft,
                _ => null,
            },
            Description = Str(vs, "description"),
            ConceptSource = source,
            Concepts = concepts,
            Extensions = extensions,
            UnmappedElements = WithExpansionHeader(Unmapped(vs, mapped), vs, source),
        };
    }

    // The expansion's other elements (timestamp, total, parameters) are kept as written; export adds the concepts back.
    private static Dictionary<string, string> WithExpansionHeader(Dictionary<string, string> unmapped, JsonObject vs, ValueSetConceptSource source)
    {
        if (source == ValueSetConceptSource.Expansion && vs["expansion"] is JsonObject expansion && expansion.Any(p => p.Key != "contains"))
        {
            var header = new JsonObject();
            foreach (var (key, value) in expansion)
            {
                if (key != "contains")
                {
                    header[key] = value?.DeepClone();
                }
            }

            unmapped["expansion"] = header.ToJsonString();
        }

        return unmapped;
    }

    private static (string Element, string What)? ReadCompose(JsonObject compose, List<ValueSetConcept> concepts)
    {
        if (compose.FirstOrDefault(p => p.Key != "include") is { Key: { } other })
        {
            return ($"compose.{other}", other == "exclude" ? "excludes concepts" : $"uses compose.{other}");
        }

        var index = 0;
        foreach (var include in compose["include"] as JsonArray ?? [])
        {
            var at = $"compose.include[{index++}]";
            if (include is not JsonObject inc)
            {
                return (at, "has an include that is not an object");
            }

            if (inc.FirstOrDefault(p => p.Key is not ("system" or "version" or "concept")) is { Key: { } element })
            {
                return ($"{at}.{element}", element switch
                {
                    "filter" => "selects concepts with a filter",
                    "valueSet" => "includes other value sets",
                    _ => $"uses include.{element}",
                });
            }

            if (inc["concept"] is not JsonArray list)
            {
                return ($"{at}.system", "includes a whole code system");
            }

            foreach (var concept in list.OfType<JsonObject>())
            {
                concepts.Add(ReadConcept(concept, Str(inc, "system"), Str(inc, "version")));
            }
        }

        return null;
    }

    // Nested entries of an expansion (a hierarchy) are read in order; abstract grouping entries are not answers.
    private static void ReadContains(JsonArray contains, List<ValueSetConcept> concepts)
    {
        foreach (var concept in contains.OfType<JsonObject>())
        {
            if (concept["abstract"] is not JsonValue abstractValue || !abstractValue.TryGetValue<bool>(out var isAbstract) || !isAbstract)
            {
                concepts.Add(ReadConcept(concept, Str(concept, "system"), Str(concept, "version")));
            }

            if (concept["contains"] is JsonArray nested)
            {
                ReadContains(nested, concepts);
            }
        }
    }

    private FormValueSet? NotEnumerable(string id, string element, string what)
    {
        Issue($"contained[{id}].{element}", QuestionnaireImportIssueCodes.ValueSetNotEnumerable, $"The contained value set '{id}' does not list its concepts: it {what}, which is not expanded locally; it is kept for export, but answers cannot be checked against it. List its concepts in compose.include.concept or expansion.contains.", ImportIssueSeverity.Warning);
        return null;
    }

    private static ValueSetConcept ReadConcept(JsonObject c, string? system, string? version)
    {
        decimal? score = null;
        var extensions = new List<FormExtension>();
        foreach (var ext in Extensions(c))
        {
            var url = Str(ext, "url");
            if ((url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight) && score is null && ext["valueDecimal"] is { } n)
            {
                score = Number(n);
            }
            else
            {
                extensions.Add(Raw(ext));
            }
        }

        return new ValueSetConcept { System = system, Version = version, Code = Str(c, "code") ?? string.Empty, Display = Str(c, "display"), Score = score, Extensions = extensions };
    }

    /// <summary>A url for a Questionnaire with neither url nor id, from a hash of its content: the same file gets the same url.</summary>
    private static string ContentUrl(JsonObject q)
        => $"urn:remedora:questionnaire:sha256-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(q.ToJsonString())))[..16]}";

    private void Issue(string path, string code, string message, ImportIssueSeverity severity) => _issues.Add(new(path, code, message, severity));

    internal static bool TryItemType(string? code, out FormItemType type)
    {
        (var ok, type) = code switch
        {
            "group" => (true, FormItemType.Group),
            "display" => (true, FormItemType.Display),
            "boolean" => (true, FormItemType.Boolean),
            "decimal" => (true, FormItemType.Decimal),
            "integer" => (true, FormItemType.Integer),
            "date" => (true, FormItemType.Date),
            "dateTime" => (true, FormItemType.DateTime),
            "time" => (true, FormItemType.Time),
            "string" => (true, FormItemType.String),
            "text" => (true, FormItemType.Text),
            "url" => (true, FormItemType.Url),
            "choice" => (true, FormItemType.Choice),
            "open-choice" => (true, FormItemType.OpenChoice),
            "attachment" => (true, FormItemType.Attachment),
            "reference" => (true, FormItemType.Reference),
            "quantity" => (true, FormItemType.Quantity),
            _ => (false, FormItemType.Display),
        };
        return ok;
    }

    /// <summary>Whether a value can be an answer (initial value, option, minimum) of an item of this type.</summary>
    internal static bool Fits(FormItemType type, AnswerValue value) => (type, value.Kind) switch
    {
        (FormItemType.Boolean, AnswerValueKind.Boolean) => true,
        (FormItemType.Decimal, AnswerValueKind.Decimal or AnswerValueKind.Integer or AnswerValueKind.Quantity) => true,
        (FormItemType.Integer, AnswerValueKind.Integer or AnswerValueKind.Quantity) => true,
        (FormItemType.Date, AnswerValueKind.Date) => true,
        (FormItemType.DateTime, AnswerValueKind.DateTime or AnswerValueKind.Date) => true,
        (FormItemType.Time, AnswerValueKind.Time) => true,
        (FormItemType.String or FormItemType.Text, AnswerValueKind.String) => true,
        (FormItemType.Url, AnswerValueKind.Uri or AnswerValueKind.String) => true,
        (FormItemType.Choice, AnswerValueKind.Coding or AnswerValueKind.String or AnswerValueKind.Integer or AnswerValueKind.Date or AnswerValueKind.Time or AnswerValueKind.Reference) => true,
        (FormItemType.OpenChoice, AnswerValueKind.Coding or AnswerValueKind.String or AnswerValueKind.Integer or AnswerValueKind.Date or AnswerValueKind.Time or AnswerValueKind.Reference) => true,
        (FormItemType.Attachment, AnswerValueKind.Attachment) => true,
        (FormItemType.Reference, AnswerValueKind.Reference) => true,
        (FormItemType.Quantity, AnswerValueKind.Quantity) => true,
        _ => false,
    };

    private static string ExpectedSuffix(FormItemType type) => type switch
    {
        FormItemType.String or FormItemType.Text => "String",
        FormItemType.Choice or FormItemType.OpenChoice => "Coding",
        FormItemType.Url => "Uri",
        FormItemType.DateTime => "DateTime",
        _ => type.ToString(),
    };

    private static IEnumerable<JsonObject> Extensions(JsonObject o) => (o["extension"] as JsonArray ?? []).OfType<JsonObject>();

    private static FormExtension Raw(JsonObject ext) => new(Str(ext, "url") ?? string.Empty, ext.ToJsonString());

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();

    private static List<FormCoding> Codings(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>().Select(ReadCoding).ToList();

    private static Dictionary<string, string> Unmapped(JsonObject o, HashSet<string> mapped, string? choicePrefix = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in o)
        {
            if (mapped.Contains(key) || value is null)
            {
                continue;
            }

            if (choicePrefix is not null && key.StartsWith(choicePrefix, StringComparison.Ordinal) && key.Length > choicePrefix.Length && char.IsUpper(key[choicePrefix.Length]))
            {
                continue;
            }

            result[key] = value.ToJsonString();
        }

        return result;
    }

    [GeneratedRegex(@"%(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex PercentName();
}
