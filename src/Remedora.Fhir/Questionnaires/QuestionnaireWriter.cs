using System.Globalization;
using System.Text.Json.Nodes;
using Remedora.Intake;
using static Remedora.Fhir.Mapping.AnswerJson;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Maps a <see cref="FormDefinition"/> to a Questionnaire in FHIR JSON.</summary>
internal static class QuestionnaireWriter
{
    public static JsonObject WriteDefinition(FormDefinition d)
    {
        CheckDepth(d);
        var q = new JsonObject { ["resourceType"] = "Questionnaire" };
        AddUnmapped(q, d.UnmappedElements, "contained");

        var contained = new JsonArray();
        foreach (var vs in d.ValueSets)
        {
            contained.Add(WriteValueSet(vs));
        }

        if (d.UnmappedElements.TryGetValue("contained", out var otherContained) && JsonNode.Parse(otherContained) is JsonArray others)
        {
            foreach (var other in others)
            {
                contained.Add(other?.DeepClone());
            }
        }

        if (contained.Count > 0)
        {
            q["contained"] = contained;
        }

        var extensions = new JsonArray();
        foreach (var v in d.Variables)
        {
            extensions.Add(ExpressionExtension(SdcUrls.Variable, v));
        }

        AddRaw(extensions, d.Extensions);
        Set(q, "extension", extensions);

        Add(q, "url", string.IsNullOrEmpty(d.Url) ? null : d.Url);
        Add(q, "version", string.IsNullOrEmpty(d.Version) ? null : d.Version);
        Add(q, "name", d.Name);
        Add(q, "title", d.Title);
        q["status"] = d.Status switch
        {
            FormStatus.Active => "active",
            FormStatus.Retired => "retired",
            FormStatus.Unknown => "unknown",
            _ => "draft",
        };
        if (d.Experimental is { } experimental)
        {
            q["experimental"] = experimental;
        }

        Add(q, "date", d.Date?.ToString());
        Add(q, "publisher", d.Publisher);
        Add(q, "description", d.Description);
        Add(q, "purpose", d.Purpose);
        Add(q, "copyright", d.Copyright);
        Add(q, "approvalDate", d.ApprovalDate?.ToString());
        Add(q, "lastReviewDate", d.LastReviewDate?.ToString());
        if (d.EffectivePeriod is { } period)
        {
            q["effectivePeriod"] = Obj(("start", period.Start?.ToString()), ("end", period.End?.ToString()));
        }

        Add(q, "language", d.Language);
        Set(q, "subjectType", new JsonArray([.. d.SubjectTypes.Select(s => (JsonNode)JsonValue.Create(s))]));
        Set(q, "code", new JsonArray([.. d.Codes.Select(c => (JsonNode)WriteCoding(c))]));
        Set(q, "identifier", new JsonArray([.. d.Identifiers.Select(i => (JsonNode)Obj(("system", i.System), ("value", i.Value)))]));
        Set(q, "derivedFrom", new JsonArray([.. d.DerivedFrom.Select(s => (JsonNode)JsonValue.Create(s))]));
        Set(q, "item", new JsonArray([.. d.Items.Select(i => (JsonNode)WriteItem(i))]));
        return q;
    }

    /// <summary>
    /// Refuses a definition whose items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>, with the engine's typed
    /// error, before anything is written (walked without recursion, so any depth is refused in linear time).
    /// </summary>
    private static void CheckDepth(FormDefinition d)
    {
        var pending = new Stack<(FormItem Item, int Depth, string Path)>();
        foreach (var item in d.Items ?? [])
        {
            if (item is not null)
            {
                pending.Push((item, 1, $"item[{item.LinkId}]"));
            }
        }

        while (pending.Count > 0)
        {
            var (item, depth, path) = pending.Pop();
            if (depth > FormDefinition.MaxItemDepth)
            {
                throw new Intake.Engine.FormDefinitionException(
                    new FormVersionReference(d.Url ?? string.Empty, d.Version ?? string.Empty),
                    [new Intake.Engine.FormDefinitionIssue(path, Intake.Engine.FormDefinitionIssueCodes.ItemNestingTooDeep, $"The item is nested deeper than {FormDefinition.MaxItemDepth} levels, the limit of the engine, of import and of export. Flatten the form.", Intake.Engine.FormIssueSeverity.Error)]);
            }

            foreach (var child in item.Items ?? [])
            {
                if (child is not null)
                {
                    pending.Push((child, depth + 1, $"{path}.item[{child.LinkId}]"));
                }
            }
        }
    }

    private static JsonObject WriteItem(FormItem item)
    {
        var j = new JsonObject();
        AddUnmapped(j, item.UnmappedElements);
        var ext = new JsonArray();
        foreach (var v in item.Variables)
        {
            ext.Add(ExpressionExtension(SdcUrls.Variable, v));
        }

        if (item.Hidden)
        {
            ext.Add(new JsonObject { ["url"] = SdcUrls.Hidden, ["valueBoolean"] = true });
        }

        AddInt(ext, SdcUrls.MinOccurs, item.MinOccurs);
        AddInt(ext, SdcUrls.MaxOccurs, item.MaxOccurs);
        AddInt(ext, SdcUrls.MinLength, item.MinLength);
        AddValue(ext, SdcUrls.MinValue, item.MinValue);
        AddValue(ext, SdcUrls.MaxValue, item.MaxValue);
        AddInt(ext, SdcUrls.MaxDecimalPlaces, item.MaxDecimalPlaces);
        AddString(ext, SdcUrls.Regex, "valueString", item.Regex);
        AddString(ext, SdcUrls.EntryFormat, "valueString", item.EntryFormat);
        if (item.Unit is { } unit)
        {
            ext.Add(new JsonObject { ["url"] = SdcUrls.Unit, ["valueCoding"] = WriteCoding(unit) });
        }

        foreach (var option in item.UnitOptions)
        {
            ext.Add(new JsonObject { ["url"] = SdcUrls.UnitOption, ["valueCoding"] = WriteCoding(option) });
        }

        AddString(ext, SdcUrls.UnitValueSet, "valueCanonical", item.UnitValueSet);
        foreach (var mime in item.AllowedContentTypes)
        {
            AddString(ext, SdcUrls.MimeType, "valueCode", mime);
        }

        if (item.MaxAttachmentSize is { } maxSize)
        {
            ext.Add(new JsonObject { ["url"] = SdcUrls.MaxSize, ["valueDecimal"] = (decimal)maxSize });
        }

        if (item.CalculatedExpression is { } calculated)
        {
            ext.Add(ExpressionExtension(SdcUrls.CalculatedExpression, calculated));
        }

        if (item.EnableWhenExpression is { } enableWhen)
        {
            ext.Add(ExpressionExtension(SdcUrls.EnableWhenExpression, enableWhen));
        }

        if (item.InitialExpression is { } initial)
        {
            ext.Add(ExpressionExtension(SdcUrls.InitialExpression, initial));
        }

        foreach (var constraint in item.Constraints)
        {
            var parts = new JsonArray
            {
                new JsonObject { ["url"] = "key", ["valueId"] = constraint.Key },
                new JsonObject { ["url"] = "severity", ["valueCode"] = constraint.Severity == ConstraintSeverity.Warning ? "warning" : "error" },
                new JsonObject { ["url"] = "expression", ["valueExpression"] = WriteExpression(constraint.Expression) },
                new JsonObject { ["url"] = "human", ["valueString"] = constraint.HumanMessage },
            };
            if (constraint.Location is not null)
            {
                parts.Add(new JsonObject { ["url"] = "location", ["valueString"] = constraint.Location });
            }

            if (constraint.Requirements is not null)
            {
                parts.Add(new JsonObject { ["url"] = "requirements", ["valueString"] = constraint.Requirements });
            }

            ext.Add(new JsonObject { ["extension"] = parts, ["url"] = SdcUrls.TargetConstraint });
        }

        AddRaw(ext, item.Extensions);
        Set(j, "extension", ext);

        j["linkId"] = item.LinkId;
        Add(j, "definition", item.Definition);
        Set(j, "code", new JsonArray([.. item.Codes.Select(c => (JsonNode)WriteCoding(c))]));
        Add(j, "prefix", item.Prefix);
        Add(j, "text", item.Text);
        if (!item.UnmappedElements.ContainsKey("type"))
        {
            j["type"] = TypeCode(item.Type);
        }

        var conditions = new JsonArray();
        foreach (var condition in item.EnableWhen)
        {
            var c = new JsonObject
            {
                ["question"] = condition.Question,
                ["operator"] = condition.Operator switch
                {
                    ComparisonOperator.Exists => "exists",
                    ComparisonOperator.Equal => "=",
                    ComparisonOperator.NotEqual => "!=",
                    ComparisonOperator.GreaterThan => ">",
                    ComparisonOperator.LessThan => "<",
                    ComparisonOperator.GreaterOrEqual => ">=",
                    _ => "<=",
                },
            };
            Write(c, "answer", condition.Answer);
            conditions.Add(c);
        }

        Set(j, "enableWhen", conditions);
        if (item.EnableWhen.Count > 1 || item.EnableBehavior == EnableBehavior.Any)
        {
            j["enableBehavior"] = item.EnableBehavior == EnableBehavior.Any ? "any" : "all";
        }

        if (item.Required)
        {
            j["required"] = true;
        }

        if (item.Repeats)
        {
            j["repeats"] = true;
        }

        if (item.ReadOnly)
        {
            j["readOnly"] = true;
        }

        if (item.MaxLength is { } maxLength)
        {
            j["maxLength"] = maxLength;
        }

        Add(j, "answerValueSet", item.AnswerValueSet);
        var options = new JsonArray();
        foreach (var option in item.AnswerOptions)
        {
            var o = new JsonObject();
            AddUnmapped(o, option.UnmappedElements);
            var optionExt = new JsonArray();
            if (option.Score is { } score)
            {
                optionExt.Add(new JsonObject { ["url"] = SdcUrls.OrdinalValue, ["valueDecimal"] = score });
            }

            AddRaw(optionExt, option.Extensions);
            Set(o, "extension", optionExt);
            Write(o, "value", option.Value);
            if (option.InitialSelected)
            {
                o["initialSelected"] = true;
            }

            options.Add(o);
        }

        Set(j, "answerOption", options);
        var initials = new JsonArray();
        foreach (var value in item.Initial)
        {
            var o = new JsonObject();
            Write(o, "value", value);
            initials.Add(o);
        }

        Set(j, "initial", initials);
        Set(j, "item", new JsonArray([.. item.Items.Select(i => (JsonNode)WriteItem(i))]));
        return j;
    }

    private static JsonObject WriteValueSet(FormValueSet vs)
    {
        var o = new JsonObject { ["resourceType"] = "ValueSet", ["id"] = vs.Id };
        AddUnmapped(o, vs.UnmappedElements);
        var ext = new JsonArray();
        AddRaw(ext, vs.Extensions);
        Set(o, "extension", ext);
        Add(o, "url", vs.Url);
        Add(o, "version", vs.Version);
        Add(o, "name", vs.Name);
        Add(o, "title", vs.Title);
        Add(o, "status", vs.Status switch
        {
            FormStatus.Active => "active",
            FormStatus.Retired => "retired",
            FormStatus.Unknown => "unknown",
            FormStatus.Draft => "draft",
            _ => null,
        });
        Add(o, "description", vs.Description);
        if (vs.ConceptSource == ValueSetConceptSource.Expansion)
        {
            var expansion = o["expansion"] as JsonObject ?? new JsonObject();
            expansion["contains"] = new JsonArray([.. vs.Concepts.Select(c => (JsonNode)WriteConcept(c, withSystem: true))]);
            o["expansion"] = expansion;
        }
        else
        {
            var includes = new JsonArray();
            JsonObject? current = null;
            (string?, string?) key = default;
            foreach (var concept in vs.Concepts)
            {
                if (current is null || key != (concept.System, concept.Version))
                {
                    key = (concept.System, concept.Version);
                    current = Obj(("system", concept.System), ("version", concept.Version));
                    current["concept"] = new JsonArray();
                    includes.Add(current);
                }

                ((JsonArray)current["concept"]!).Add(WriteConcept(concept, withSystem: false));
            }

            o["compose"] = new JsonObject { ["include"] = includes };
        }

        return o;
    }

    private static JsonObject WriteConcept(ValueSetConcept c, bool withSystem)
    {
        var o = new JsonObject();
        var ext = new JsonArray();
        if (c.Score is { } score)
        {
            ext.Add(new JsonObject { ["url"] = SdcUrls.OrdinalValue, ["valueDecimal"] = score });
        }

        AddRaw(ext, c.Extensions);
        Set(o, "extension", ext);
        if (withSystem)
        {
            Add(o, "system", c.System);
            Add(o, "version", c.Version);
        }

        o["code"] = c.Code;
        Add(o, "display", c.Display);
        return o;
    }

    internal static JsonObject WriteExpression(FormExpression e)
    {
        var o = Obj(("description", e.Description), ("name", e.Name), ("language", e.Language), ("expression", e.Expression), ("reference", e.Reference));
        return o;
    }

    private static JsonObject ExpressionExtension(string url, FormExpression e) => new() { ["url"] = url, ["valueExpression"] = WriteExpression(e) };

    internal static string TypeCode(FormItemType type) => type switch
    {
        FormItemType.Group => "group",
        FormItemType.Display => "display",
        FormItemType.Boolean => "boolean",
        FormItemType.Decimal => "decimal",
        FormItemType.Integer => "integer",
        FormItemType.Date => "date",
        FormItemType.DateTime => "dateTime",
        FormItemType.Time => "time",
        FormItemType.String => "string",
        FormItemType.Text => "text",
        FormItemType.Url => "url",
        FormItemType.Choice => "choice",
        FormItemType.OpenChoice => "open-choice",
        FormItemType.Attachment => "attachment",
        FormItemType.Reference => "reference",
        _ => "quantity",
    };

    private static void AddInt(JsonArray ext, string url, int? value)
    {
        if (value is { } v)
        {
            ext.Add(new JsonObject { ["url"] = url, ["valueInteger"] = v });
        }
    }

    private static void AddString(JsonArray ext, string url, string property, string? value)
    {
        if (value is not null)
        {
            ext.Add(new JsonObject { ["url"] = url, [property] = value });
        }
    }

    private static void AddValue(JsonArray ext, string url, AnswerValue? value)
    {
        if (value is not null)
        {
            var o = new JsonObject { ["url"] = url };
            Write(o, "value", value);
            ext.Add(o);
        }
    }

    private static void AddRaw(JsonArray target, IReadOnlyList<FormExtension> extensions)
    {
        foreach (var e in extensions)
        {
            target.Add(JsonNode.Parse(e.Json));
        }
    }

    private static void AddUnmapped(JsonObject target, IReadOnlyDictionary<string, string> unmapped, string? except = null)
    {
        foreach (var (key, json) in unmapped.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key != except)
            {
                target[key] = JsonNode.Parse(json);
            }
        }
    }

    private static void Set(JsonObject o, string name, JsonArray array)
    {
        if (array.Count > 0)
        {
            o[name] = array;
        }
    }

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
