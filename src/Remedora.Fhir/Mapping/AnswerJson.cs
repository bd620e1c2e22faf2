using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remedora.Intake;

namespace Remedora.Fhir.Mapping;

/// <summary>Reads and writes <see cref="AnswerValue"/>s as FHIR JSON choice elements (<c>valueCoding</c>, <c>answerDecimal</c>, ...).</summary>
internal static class AnswerJson
{
    private static readonly string[] Suffixes =
        ["Boolean", "Decimal", "Integer", "Date", "DateTime", "Time", "String", "Uri", "Coding", "Quantity", "Attachment", "Reference", "Instant", "Url", "Canonical", "Code"];

    /// <summary>Finds the choice element <paramref name="prefix"/>[x] in an object.</summary>
    public static (string Property, JsonNode Node)? Find(JsonObject obj, string prefix)
    {
        foreach (var suffix in Suffixes)
        {
            if (obj.TryGetPropertyValue(prefix + suffix, out var node) && node is not null)
            {
                return (prefix + suffix, node);
            }
        }

        return null;
    }

    /// <summary>Reads the choice element <paramref name="prefix"/>[x] of an object.</summary>
    /// <returns>The value, or <see langword="null"/> when absent or of a type the model does not have.</returns>
    public static AnswerValue? Read(JsonObject obj, string prefix)
        => Find(obj, prefix) is { } found ? Read(found.Property[prefix.Length..], found.Node) : null;

    public static AnswerValue? Read(string suffix, JsonNode node)
    {
        try
        {
            return suffix switch
            {
                "Boolean" => AnswerValue.Of(node.GetValue<bool>()),
                "Decimal" => new DecimalAnswer(Number(node)),
                "Integer" => new IntegerAnswer(node.GetValue<int>()),
                "Date" => new DateAnswer(FormDate.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)),
                "DateTime" or "Instant" => new DateTimeAnswer(FormDateTime.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)),
                "Time" => new TimeAnswer(TimeOnly.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)),
                "String" or "Code" => new StringAnswer(node.GetValue<string>()),
                "Uri" or "Url" or "Canonical" => new UriAnswer(node.GetValue<string>()),
                "Coding" => new CodingAnswer(ReadCoding(node.AsObject())) { Extensions = ReadExtensions(node.AsObject()) },
                "Quantity" => new QuantityAnswer(ReadQuantity(node.AsObject())),
                "Attachment" => new AttachmentAnswer(ReadAttachment(node.AsObject())),
                "Reference" => new ReferenceAnswer(new FormReference(Str(node, "reference"), Str(node, "type"), Str(node, "display"))),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes a value as the choice element <paramref name="prefix"/>[x].</summary>
    public static void Write(JsonObject obj, string prefix, AnswerValue value)
    {
        var (suffix, node) = ToJson(value);
        obj[prefix + suffix] = node;
    }

    public static (string Suffix, JsonNode Node) ToJson(AnswerValue value) => value switch
    {
        BooleanAnswer b => ("Boolean", JsonValue.Create(b.Value)),
        DecimalAnswer d => ("Decimal", JsonValue.Create(d.Value)),
        IntegerAnswer i => ("Integer", JsonValue.Create(i.Value)),
        DateAnswer d => ("Date", JsonValue.Create(d.Value.ToString())),
        DateTimeAnswer dt => ("DateTime", JsonValue.Create(dt.Value.ToString())),
        TimeAnswer t => ("Time", JsonValue.Create(t.FormatValue())),
        StringAnswer s => ("String", JsonValue.Create(s.Value)),
        UriAnswer u => ("Uri", JsonValue.Create(u.Value)),
        CodingAnswer c => ("Coding", WriteCoding(c)),
        QuantityAnswer q => ("Quantity", WriteQuantity(q.Value)),
        AttachmentAnswer a => ("Attachment", WriteAttachment(a.Value)),
        ReferenceAnswer r => ("Reference", Obj(("reference", r.Value.Reference), ("type", r.Value.Type), ("display", r.Value.Display))),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown answer kind."),
    };

    public static FormCoding ReadCoding(JsonObject o) => new(Str(o, "system"), Str(o, "code"), Str(o, "display"), Str(o, "version"));

    /// <summary>The extensions of a JSON element, each kept as its JSON text.</summary>
    public static List<FormExtension> ReadExtensions(JsonObject o)
        => (o["extension"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new FormExtension(Str(e, "url") ?? string.Empty, e.ToJsonString())).ToList();

    /// <summary>Writes a coded answer with its extensions (FHIR <c>Coding.extension</c>) first, as FHIR orders them.</summary>
    public static JsonObject WriteCoding(CodingAnswer c)
    {
        var coding = WriteCoding(c.Value);
        if (c.Extensions is { Count: > 0 } extensions)
        {
            var o = new JsonObject { ["extension"] = new JsonArray([.. extensions.Select(e => JsonNode.Parse(e.Json))]) };
            foreach (var (key, value) in coding.ToList())
            {
                coding.Remove(key);
                o[key] = value;
            }

            return o;
        }

        return coding;
    }

    public static JsonObject WriteCoding(FormCoding c) => Obj(("system", c.System), ("version", c.Version), ("code", c.Code), ("display", c.Display));

    public static FormQuantity ReadQuantity(JsonObject o) => new(
        o["value"] is { } v ? Number(v) : null,
        Str(o, "unit"),
        Str(o, "system"),
        Str(o, "code"),
        Str(o, "comparator") switch
        {
            "<" => QuantityComparator.LessThan,
            "<=" => QuantityComparator.LessOrEqual,
            ">=" => QuantityComparator.GreaterOrEqual,
            ">" => QuantityComparator.GreaterThan,
            _ => null,
        });

    public static JsonObject WriteQuantity(FormQuantity q)
    {
        var o = new JsonObject();
        if (q.Value is { } v)
        {
            o["value"] = v;
        }

        if (q.Comparator is { } c)
        {
            o["comparator"] = c switch
            {
                QuantityComparator.LessThan => "<",
                QuantityComparator.LessOrEqual => "<=",
                QuantityComparator.GreaterOrEqual => ">=",
                _ => ">",
            };
        }

        Add(o, "unit", q.Unit);
        Add(o, "system", q.System);
        Add(o, "code", q.Code);
        return o;
    }

    public static FormAttachment ReadAttachment(JsonObject o) => new()
    {
        ContentType = Str(o, "contentType"),
        Language = Str(o, "language"),
        Url = Str(o, "url"),
        Size = o["size"] is { } s ? (long)Number(s) : null,
        Hash = Str(o, "hash"),
        Title = Str(o, "title"),
        Creation = Str(o, "creation") is { } c && FormDateTime.TryParse(c, CultureInfo.InvariantCulture, out var creation) ? creation : null,
    };

    public static JsonObject WriteAttachment(FormAttachment a)
    {
        var o = Obj(("contentType", a.ContentType), ("language", a.Language), ("url", a.Url));
        if (a.Size is { } size)
        {
            o["size"] = size;
        }

        Add(o, "hash", a.Hash);
        Add(o, "title", a.Title);
        Add(o, "creation", a.Creation?.ToString());
        return o;
    }

    public static decimal Number(JsonNode node)
        => node.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : decimal.Parse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string? Str(JsonNode? node, string name)
        => node is JsonObject o && o.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : null;

    public static JsonObject Obj(params (string Name, string? Value)[] properties)
    {
        var o = new JsonObject();
        foreach (var (name, value) in properties)
        {
            Add(o, name, value);
        }

        return o;
    }

    public static void Add(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }
}
