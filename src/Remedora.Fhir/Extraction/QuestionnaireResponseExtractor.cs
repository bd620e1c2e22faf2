using System.Text.Json.Nodes;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Extraction;

/// <summary>
/// SDC <c>$extract</c>: turns a QuestionnaireResponse into the resources its Questionnaire's extraction metadata
/// describes, as a transaction Bundle. Observation-based (<c>sdc-questionnaire-observationExtract</c>: one Observation
/// per answer of an item with a code) and definition-based (<c>sdc-questionnaire-definitionExtract</c> or SDC 3's
/// <c>itemExtractionContext</c> with a resource type, <c>item.definition</c> into Observation, Condition or
/// AllergyIntolerance elements, and <c>definitionExtractValue</c> fixed values). Only the answers the engine keeps are
/// extracted: answers of disabled items are not, calculated values are. Thread-safe.
/// </summary>
public sealed class QuestionnaireResponseExtractor
{
    private const string Sdc = "http://hl7.org/fhir/uv/sdc/StructureDefinition/";
    private const string ObservationExtractUrl = Sdc + "sdc-questionnaire-observationExtract";
    private const string ObservationCategoryUrl = Sdc + "sdc-questionnaire-observation-extract-category";
    private const string DefinitionExtractUrl = Sdc + "sdc-questionnaire-definitionExtract";
    private const string DefinitionExtractValueUrl = Sdc + "sdc-questionnaire-definitionExtractValue";
    private const string ItemExtractionContextUrl = Sdc + "sdc-questionnaire-itemExtractionContext";
    private const string ExtractAllocateIdUrl = Sdc + "sdc-questionnaire-extractAllocateId";
    private const string BaseDefinition = "http://hl7.org/fhir/StructureDefinition/";

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal) { "Observation", "Condition", "AllergyIntolerance", "Patient", "RelatedPerson" };

    private readonly FormEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireResponseExtractor"/> class with its own engine and FHIRPath.</summary>
    public QuestionnaireResponseExtractor()
        : this(new FormEngine([new FhirPathLanguage()]))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireResponseExtractor"/> class.</summary>
    /// <param name="engine">The engine that decides which items are enabled and calculates values.</param>
    public QuestionnaireResponseExtractor(FormEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Extracts the resources of a QuestionnaireResponse in FHIR R4 JSON.</summary>
    /// <param name="form">The form the response answers, as imported from its Questionnaire (the extraction metadata is read from it).</param>
    /// <param name="json">The QuestionnaireResponse.</param>
    /// <returns>The Bundle and the issues.</returns>
    /// <exception cref="FhirFormatException">The text is not a QuestionnaireResponse.</exception>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public ExtractionResult ExtractJson(FormDefinition form, string json)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(json);
        return Extract(form, QuestionnaireResponseMapper.ParseJson(json));
    }

    /// <summary>Extracts the resources of a QuestionnaireResponse.</summary>
    /// <param name="form">The form the response answers, as imported from its Questionnaire.</param>
    /// <param name="response">
    /// The QuestionnaireResponse: its answers (imported against <paramref name="form"/>), and its <c>subject</c>,
    /// <c>encounter</c>, <c>author</c>, <c>authored</c> and <c>id</c>, which the resources refer to.
    /// </param>
    /// <returns>The Bundle and the issues.</returns>
    /// <exception cref="FormDefinitionException">The form has errors, so it cannot be evaluated.</exception>
    public ExtractionResult Extract(FormDefinition form, QuestionnaireResponse response)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(response);
        var imported = QuestionnaireResponseMapper.Import(response, form);
        var evaluation = _engine.Evaluate(form, imported.Response);

        // The answers the engine kept (enabled items, calculated values), as a QuestionnaireResponse with the original's
        // id, subject, encounter, author, authored and meta: the tree the extraction expressions see as %resource.
        var kept = QuestionnaireResponseMapper.Export(evaluation.Response);
        kept.Id = response.Id;
        kept.Meta = (Meta?)response.Meta?.DeepCopy();
        kept.Subject = (ResourceReference?)response.Subject?.DeepCopy();
        kept.Encounter = (ResourceReference?)response.Encounter?.DeepCopy();
        kept.Author = (ResourceReference?)response.Author?.DeepCopy();
        kept.Source = (ResourceReference?)response.Source?.DeepCopy();
        kept.AuthoredElement = (FhirDateTime?)response.AuthoredElement?.DeepCopy();
        if (response.StatusElement?.DeepCopy() is Code<QuestionnaireResponse.QuestionnaireResponseStatus> status)
        {
            kept.StatusElement = status;
        }
        kept.QuestionnaireElement = (Canonical?)response.QuestionnaireElement?.DeepCopy();
        var root = kept.ToPocoNode();
        var questionnaire = (QuestionnaireSources.Find(form) ?? QuestionnaireMapper.Export(form)).ToPocoNode();

        var run = new Run(kept, root, questionnaire, form.Extensions);
        var rootFlag = ObservationFlag(form.Extensions, string.Empty, run);
        Context? rootContext = null;
        if (Find(form.Extensions, DefinitionExtractUrl, ItemExtractionContextUrl) is not null)
        {
            rootContext = run.OpenContext(form.Extensions, string.Empty, root);
            if (rootContext is not null)
            {
                run.ApplyFixedValues(form.Extensions, rootContext, string.Empty, root);
            }
        }

        run.Walk(form.Items, root, rootFlag, rootContext);
        return run.Finish();
    }

    private static JsonObject? Find(IReadOnlyList<FormExtension> extensions, params string[] urls)
    {
        foreach (var extension in extensions)
        {
            if (urls.Contains(extension.Url, StringComparer.Ordinal))
            {
                return JsonNode.Parse(extension.Json) as JsonObject;
            }
        }

        return null;
    }

    private static bool? ObservationFlag(IReadOnlyList<FormExtension> extensions, string linkId, Run run)
    {
        if (Find(extensions, ObservationExtractUrl) is not { } extension)
        {
            return null;
        }

        if (extension["valueBoolean"] is JsonValue flag)
        {
            // Real files write the boolean as a string ("true"), which the tolerant import accepts.
            if (flag.TryGetValue<bool>(out var value))
            {
                return value;
            }

            if (flag.TryGetValue<string>(out var text) && bool.TryParse(text, out value))
            {
                return value;
            }
        }

        run.Issue(linkId, ExtractionIssueCodes.RelationshipNotSupported, "observationExtract with a relationship code: only independent Observations (true) are extracted; the item is not extracted as an Observation.");
        return false;
    }

    /// <summary>A resource under construction for definition-based extraction, or a backbone element of one.</summary>
    private sealed class Context
    {
        public required string ResourceType { get; init; }

        /// <summary>Gets the element path this context stands for (<c>AllergyIntolerance</c>, <c>AllergyIntolerance.reaction</c>).</summary>
        public required string BasePath { get; init; }

        public required JsonObject Node { get; init; }

        public required JsonObject Resource { get; init; }

        public Context? Parent { get; init; }
    }

    private sealed class Run
    {
        private static readonly Lazy<FhirPathCompiler> Compiler = new(() => new FhirPathCompiler(new SymbolTable().AddStandardFP().AddFhirExtensions()), LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly QuestionnaireResponse _response;
        private readonly PocoNode _root;
        private readonly PocoNode _questionnaire;
        private readonly Dictionary<string, string> _allocated = new(StringComparer.Ordinal);
        private readonly List<ExtractionIssue> _issues = [];
        private readonly List<(string LinkId, JsonObject Resource, string? FullUrl)> _resources = [];
        private readonly List<Observation> _observations = [];
        private readonly HashSet<(string LinkId, string Code)> _reported = [];

        public Run(QuestionnaireResponse response, PocoNode root, PocoNode questionnaire, IReadOnlyList<FormExtension> formExtensions)
        {
            _response = response;
            _root = root;
            _questionnaire = questionnaire;
            foreach (var extension in formExtensions)
            {
                // sdc-questionnaire-extractAllocateId: a new urn:uuid per name, for references between extracted resources.
                if (extension.Url == ExtractAllocateIdUrl && JsonNode.Parse(extension.Json)?["valueString"]?.GetValue<string>() is { Length: > 0 } name)
                {
                    _allocated[name] = $"urn:uuid:{Guid.NewGuid()}";
                }
            }
        }

        public void Issue(string linkId, string code, string message)
        {
            if (_reported.Add((linkId, code)))
            {
                _issues.Add(new ExtractionIssue(linkId, code, message));
            }
        }

        public Context? OpenContext(IReadOnlyList<FormExtension> extensions, string linkId, PocoNode focus)
        {
            string? type = null;
            string? fullUrl = null;
            if (Find(extensions, DefinitionExtractUrl) is { } definitionExtract)
            {
                // SDC 4: a complex extension with a 'definition' canonical (and fullUrl, conditional requests); earlier drafts: a valueCanonical.
                var parts = (definitionExtract["extension"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
                var canonical = Part(parts, "definition")?["valueCanonical"]?.GetValue<string>() ?? definitionExtract["valueCanonical"]?.GetValue<string>();
                if (Part(parts, "fullUrl")?["valueString"]?.GetValue<string>() is { } fullUrlExpression)
                {
                    fullUrl = Evaluate(fullUrlExpression, focus, linkId)?.Select(n => n.Poco).OfType<PrimitiveType>().FirstOrDefault()?.ToString();
                }

                if (parts.Any(p => p["url"]?.GetValue<string>() is "ifNoneMatch" or "ifModifiedSince" or "ifMatch" or "ifNoneExist"))
                {
                    Issue(linkId, ExtractionIssueCodes.ExpressionNotSupported, "The definitionExtract's conditional-request expressions are not evaluated: the entry is a plain POST.");
                }

                if (canonical is not null)
                {
                    var bare = canonical.Split('|')[0];
                    var last = bare[(bare.LastIndexOf('/') + 1)..];
                    if (bare.StartsWith(BaseDefinition, StringComparison.Ordinal) && ElementWriter.IsResourceType(last))
                    {
                        type = last;
                    }
                    else
                    {
                        Issue(linkId, ExtractionIssueCodes.ResourceTypeUnsupported, "The definitionExtract names a profile, whose resource type cannot be known offline; nothing is extracted for it.");
                        return null;
                    }
                }
            }
            else if (Find(extensions, ItemExtractionContextUrl) is { } context)
            {
                if (context["valueCode"]?.GetValue<string>() is { } code)
                {
                    type = code;
                }
                else
                {
                    Issue(linkId, ExtractionIssueCodes.ExpressionNotSupported, "An itemExtractionContext expression (an existing resource to update) is not evaluated; nothing is extracted for it.");
                    return null;
                }
            }

            if (type is null || !Supported.Contains(type))
            {
                Issue(linkId, ExtractionIssueCodes.ResourceTypeUnsupported, $"Definition-based extraction supports {string.Join(", ", Supported.Order(StringComparer.Ordinal))}, not '{type}'; nothing is extracted for it.");
                return null;
            }

            var resource = new JsonObject { ["resourceType"] = type };
            _resources.Add((linkId, resource, fullUrl));
            return new Context { ResourceType = type, BasePath = type, Node = resource, Resource = resource };
        }

        private static JsonObject? Part(JsonObject[] parts, string url) => parts.FirstOrDefault(p => p["url"]?.GetValue<string>() == url);

        /// <summary>Walks form items beside the items of a node of the kept response (the root, an item or an answer).</summary>
        public void Walk(IReadOnlyList<FormItem> formItems, PocoNode parent, bool? observationFlag, Context? context)
        {
            foreach (var node in parent.Child("item") ?? Enumerable.Empty<PocoNode>())
            {
                if (node.Poco is not QuestionnaireResponse.ItemComponent responseItem)
                {
                    continue;
                }

                var item = formItems.FirstOrDefault(i => string.Equals(i.LinkId, responseItem.LinkId, StringComparison.Ordinal));
                if (item is null)
                {
                    continue;
                }

                var flag = ObservationFlag(item.Extensions, item.LinkId, this) ?? observationFlag;
                var answers = (node.Child("answer") ?? Enumerable.Empty<PocoNode>())
                    .Select(a => (Node: a, Value: (a.Poco as QuestionnaireResponse.AnswerComponent)?.Value is { } v ? Mapping.AnswerPoco.FromPoco(v) : null))
                    .Where(a => a.Value is not null)
                    .ToArray();
                if (item.IsQuestion && answers.Length == 0)
                {
                    continue;
                }

                var itemContext = context;
                if (Find(item.Extensions, DefinitionExtractUrl, ItemExtractionContextUrl) is not null)
                {
                    itemContext = OpenContext(item.Extensions, item.LinkId, node);
                }
                else if (!item.IsQuestion && context is not null && item.Definition is { } groupDefinition && Element(groupDefinition, context, item.LinkId) is { } backbone)
                {
                    // A group for a backbone element (AllergyIntolerance.reaction): each occurrence is a new one.
                    var (owner, path, steps) = backbone;
                    var created = ElementWriter.Append(owner.Node, steps);
                    itemContext = new Context { ResourceType = owner.ResourceType, BasePath = path, Node = created, Resource = owner.Resource, Parent = owner };
                }

                if (itemContext is null && item.Definition is { } orphan && orphan.StartsWith(BaseDefinition, StringComparison.Ordinal) && orphan.Contains('#', StringComparison.Ordinal))
                {
                    Issue(item.LinkId, ExtractionIssueCodes.NoContext, "The definition points into a resource, but no enclosing item (or the Questionnaire) extracts one (definitionExtract); it is not extracted.");
                }

                if (item.IsQuestion)
                {
                    if (flag == true && item.Codes.Count > 0)
                    {
                        foreach (var answer in answers)
                        {
                            AddObservation(item, answer.Value!);
                        }
                    }

                    if (itemContext is not null && item.Definition is { } definition && Element(definition, itemContext, item.LinkId) is { } target)
                    {
                        foreach (var answer in answers)
                        {
                            WriteAnswer(item, target, answer.Value!);
                        }
                    }
                }

                if (itemContext is not null)
                {
                    ApplyFixedValues(item.Extensions, itemContext, item.LinkId, node);
                }

                if (item.IsQuestion)
                {
                    foreach (var answer in answers)
                    {
                        Walk(item.Items, answer.Node, flag, itemContext);
                    }
                }
                else
                {
                    Walk(item.Items, node, flag, itemContext);
                }
            }
        }

        /// <summary>Finds where a <c>definition</c> (<c>{canonical}#{element id}</c>) goes: the innermost context whose path it is under.</summary>
        private (Context Owner, string Path, List<ElementWriter.Step> Steps)? Element(string definition, Context context, string linkId)
        {
            var hash = definition.IndexOf('#', StringComparison.Ordinal);
            if (hash < 0)
            {
                return null; // A definition that is not an element (a data element's canonical): not for extraction.
            }

            var path = definition[(hash + 1)..];
            var type = path.Split('.')[0];
            for (var owner = context; owner is not null; owner = owner.Parent)
            {
                if (owner.ResourceType != type)
                {
                    break;
                }

                if (path.StartsWith(owner.BasePath + ".", StringComparison.Ordinal))
                {
                    var full = ElementWriter.Resolve(type, path);
                    if (full is null)
                    {
                        Issue(linkId, ExtractionIssueCodes.ElementUnknown, $"The definition '{path}' is not an element of {type} (or names a slice of a repeating element); it is not extracted.");
                        return null;
                    }

                    var depth = owner.BasePath.Split('.').Length - 1;
                    return (owner, path, full.Skip(depth).ToList());
                }
            }

            if (ElementWriter.IsResourceType(type))
            {
                Issue(linkId, ExtractionIssueCodes.NoContext, $"The definition points into {type}, but no enclosing item extracts a {type} (definitionExtract); it is not extracted.");
            }

            return null;
        }

        private void WriteAnswer(FormItem item, (Context Owner, string Path, List<ElementWriter.Step> Steps) target, AnswerValue answer)
        {
            var leaf = target.Steps[^1];
            if (ElementWriter.Convert(answer, leaf.Types, item.Unit) is not { } converted)
            {
                Issue(item.LinkId, ExtractionIssueCodes.AnswerTypeNotExtractable, $"A {answer.Kind} answer cannot be written into {target.Path} ({string.Join(", ", leaf.Types)}); it is not extracted.");
                return;
            }

            if (!ElementWriter.Write(target.Owner.Node, target.Steps, converted.Type, converted.Value))
            {
                Issue(item.LinkId, ExtractionIssueCodes.ElementRepeats, $"{target.Path} holds one value and already has one; the first is kept.");
            }
        }

        /// <summary>Applies an item's <c>definitionExtractValue</c>s: fixed values as written, expressions evaluated with the item as focus.</summary>
        public void ApplyFixedValues(IReadOnlyList<FormExtension> extensions, Context context, string linkId, PocoNode focus)
        {
            foreach (var extension in extensions)
            {
                if (extension.Url != DefinitionExtractValueUrl || JsonNode.Parse(extension.Json) is not JsonObject json)
                {
                    continue;
                }

                var parts = (json["extension"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
                var definitionPart = Part(parts, "definition");
                var definition = definitionPart?["valueUri"]?.GetValue<string>() ?? definitionPart?["valueCanonical"]?.GetValue<string>();
                if (definition is null || Element(definition, context, linkId) is not { } target)
                {
                    continue;
                }

                var values = new List<(string Type, JsonNode Value)>();
                if (Part(parts, "fixed-value") is { } fixedValue && ElementWriter.ExtensionValue(fixedValue) is { } value)
                {
                    values.Add(value);
                }
                else if (Part(parts, "expression")?["valueExpression"] is JsonObject expression
                    && expression["expression"]?.GetValue<string>() is { } text
                    && (expression["language"]?.GetValue<string>() ?? "text/fhirpath") == "text/fhirpath")
                {
                    foreach (var result in Evaluate(text, focus, linkId) ?? [])
                    {
                        if (ToJson(result.Poco) is { } converted)
                        {
                            values.Add(converted);
                        }
                    }
                }
                else
                {
                    Issue(linkId, ExtractionIssueCodes.ExpressionNotSupported, "A definitionExtractValue has neither a fixed value nor a FHIRPath expression; the element is not extracted.");
                    continue;
                }

                var leaf = target.Steps[^1];
                foreach (var (type, node) in values)
                {
                    var writeAs = leaf.Types.Contains(type, StringComparer.Ordinal) ? type : Compatible(type, leaf);
                    if (writeAs is null)
                    {
                        Issue(linkId, ExtractionIssueCodes.AnswerTypeNotExtractable, $"A {type} value cannot be written into {target.Path} ({string.Join(", ", leaf.Types)}); it is not extracted.");
                        continue;
                    }

                    if (!ElementWriter.Write(target.Owner.Node, target.Steps, writeAs, node))
                    {
                        Issue(linkId, ExtractionIssueCodes.ElementRepeats, $"{target.Path} holds one value and already has one; the first is kept.");
                    }
                }
            }
        }

        /// <summary>A value of another primitive type goes into an element of one type when FHIR JSON writes both alike (a string into a uri, a dateTime into an instant); the parse checks the format.</summary>
        private static string? Compatible(string type, ElementWriter.Step leaf)
        {
            string[] textual = ["string", "uri", "url", "canonical", "code", "id", "markdown", "oid", "uuid", "dateTime", "date", "instant", "time"];
            return !leaf.Choice && leaf.Types.Length == 1 && textual.Contains(type, StringComparer.Ordinal) && textual.Contains(leaf.Types[0], StringComparer.Ordinal) ? leaf.Types[0] : null;
        }

        private static (string Type, JsonNode Value)? ToJson(Base value) => value switch
        {
            FhirBoolean { Value: { } b } => ("boolean", JsonValue.Create(b)),
            Integer { Value: { } i } => ("integer", JsonValue.Create(i)),
            FhirDecimal { Value: { } d } => ("decimal", JsonValue.Create(d)),
            PrimitiveType { JsonValue: not null } p when p.ToString() is { } text => (FhirTypeName(p.TypeName), JsonValue.Create(text)),
            DataType complex and not PrimitiveType => (complex.TypeName, JsonNode.Parse(FhirFormats.ToJson(complex))!),
            _ => null,
        };

        /// <summary>FHIRPath's own types (a string literal, a concatenation) by the FHIR type they are written as.</summary>
        private static string FhirTypeName(string name) => name.StartsWith("System.", StringComparison.Ordinal)
            ? char.ToLowerInvariant(name[7]) + name[8..]
            : name;

        private IEnumerable<PocoNode>? Evaluate(string expression, PocoNode focus, string linkId)
        {
            try
            {
                var compiled = Compiler.Value.Compile(expression);
                var environment = new Dictionary<string, IEnumerable<PocoNode>>(StringComparer.Ordinal)
                {
                    ["questionnaire"] = [_questionnaire],
                    ["context"] = [focus],
                };
                foreach (var (name, id) in _allocated)
                {
                    environment[name] = [new FhirString(id).ToPocoNode()];
                }

                var context = new FhirEvaluationContext { Resource = _root, RootResource = _root, Environment = environment };
                return compiled([focus], context).ToList();
            }
#pragma warning disable CA1031 // An expression of the form that fails is reported, not thrown: the messages can quote values.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                Issue(linkId, ExtractionIssueCodes.ExpressionFailed, $"An extraction expression could not be evaluated ({ex.GetType().Name}); its element is not extracted.");
                return null;
            }
        }

        private void AddObservation(FormItem item, AnswerValue answer)
        {
            DataType? value = answer switch
            {
                BooleanAnswer b => new FhirBoolean(b.Value),
                IntegerAnswer i => new Integer(i.Value),
                DecimalAnswer d => new Quantity { Value = d.Value, Unit = item.Unit?.Display ?? item.Unit?.Code, System = item.Unit?.System, Code = item.Unit?.Code },
                DateAnswer d => new FhirDateTime(d.Value.ToString()),
                DateTimeAnswer dt => new FhirDateTime(dt.Value.ToString()),
                TimeAnswer t => new Time(t.FormatValue()),
                StringAnswer s => new FhirString(s.Value),
                UriAnswer u => new FhirString(u.Value),
                CodingAnswer c => new CodeableConcept { Coding = [(Coding)Mapping.AnswerPoco.ToPoco(c)] },
                QuantityAnswer q => (Quantity)Mapping.AnswerPoco.ToPoco(q),
                _ => null,
            };
            if (value is null)
            {
                Issue(item.LinkId, ExtractionIssueCodes.AnswerTypeNotExtractable, $"A {answer.Kind} answer has no Observation.value[x] type in R4; it is not extracted as an Observation.");
                return;
            }

            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = new CodeableConcept { Coding = item.Codes.Select(c => new Coding { System = c.System, Version = c.Version, Code = c.Code, Display = c.Display }).ToList() },
                Value = value,
                Subject = (ResourceReference?)_response.Subject?.DeepCopy(),
                Encounter = (ResourceReference?)_response.Encounter?.DeepCopy(),
            };
            if (Find(item.Extensions, ObservationCategoryUrl) is { } category && category["valueCodeableConcept"] is JsonObject concept)
            {
                var parameters = new JsonObject
                {
                    ["resourceType"] = "Parameters",
                    ["parameter"] = new JsonArray(new JsonObject { ["name"] = "category", ["valueCodeableConcept"] = concept.DeepClone() }),
                };
                if (FhirFormats.ParseJson<Parameters>(parameters.ToJsonString()).Parameter[0].Value is CodeableConcept parsed)
                {
                    observation.Category.Add(parsed);
                }
            }

            if (_response.AuthoredElement?.Value is { } authored)
            {
                observation.Effective = new FhirDateTime(authored);
                if (authored.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(authored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant))
                {
                    observation.Issued = instant;
                }
            }

            if (_response.Author is { } author && PerformerAllowed(author))
            {
                observation.Performer.Add((ResourceReference)author.DeepCopy());
            }

            if (ResponseReference() is { } derived)
            {
                observation.DerivedFrom.Add(derived);
            }

            _observations.Add(observation);
        }

        private static bool PerformerAllowed(ResourceReference author)
        {
            var type = author.Type ?? author.Reference?.Split('/')[0];
            return type is "Practitioner" or "PractitionerRole" or "Organization" or "CareTeam" or "Patient" or "RelatedPerson";
        }

        private ResourceReference? ResponseReference()
            => _response.Id is { Length: > 0 } id ? new ResourceReference($"QuestionnaireResponse/{id}") : null;

        private static JsonNode? Json(DataType? value) => value is null ? null : JsonNode.Parse(FhirFormats.ToJson(value));

        public ExtractionResult Finish()
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
            foreach (var observation in _observations)
            {
                Add(bundle, observation, null);
            }

            foreach (var (linkId, json, fullUrl) in _resources)
            {
                var type = json["resourceType"]!.GetValue<string>();
                Complete(type, json);
                Resource resource;
                try
                {
                    resource = FhirFormats.ParseJson<Resource>(json.ToJsonString());
                }
                catch (FhirFormatException ex)
                {
                    Issue(linkId, ExtractionIssueCodes.ResourceInvalid, $"The {type} extracted is not valid FHIR R4 ({string.Join(", ", ex.Errors.Select(e => $"{e.Path}: {e.Code}"))}); it is left out.");
                    continue;
                }

                Add(bundle, resource, fullUrl);
            }

            return new ExtractionResult(bundle, _issues);
        }

        /// <summary>What the response says and the resource does not: subject (or patient), encounter, when, and for an Observation its status and origin.</summary>
        private void Complete(string type, JsonObject json)
        {
            var subject = Json(_response.Subject);
            if (subject is not null && type is "Observation" or "Condition")
            {
                json["subject"] ??= subject;
            }

            if (subject is not null && type == "AllergyIntolerance")
            {
                json["patient"] ??= subject;
            }

            if (Json(_response.Encounter) is { } encounter && type is "Observation" or "Condition" or "AllergyIntolerance")
            {
                json["encounter"] ??= encounter;
            }

            var authored = _response.AuthoredElement?.Value;
            switch (type)
            {
                case "Observation":
                    json["status"] ??= "final";
                    if (authored is not null && !json.Any(p => p.Key.StartsWith("effective", StringComparison.Ordinal)))
                    {
                        json["effectiveDateTime"] = authored;
                    }

                    if (ResponseReference() is { } derived && json["derivedFrom"] is null)
                    {
                        json["derivedFrom"] = new JsonArray(Json(derived));
                    }

                    break;
                case "Condition" or "AllergyIntolerance":
                    if (authored is not null)
                    {
                        json["recordedDate"] ??= authored;
                    }

                    break;
                default:
                    break;
            }
        }

        private static void Add(Bundle bundle, Resource resource, string? fullUrl)
            => bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = fullUrl ?? $"urn:uuid:{Guid.NewGuid()}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
            });
    }
}
