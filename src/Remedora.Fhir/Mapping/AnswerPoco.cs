using System.Globalization;
using Hl7.Fhir.Model;
using Remedora.Intake;
using FhirComparator = Hl7.Fhir.Model.Quantity.QuantityComparator;
using FhirQuantity = Hl7.Fhir.Model.Quantity;
using FormComparator = Remedora.Intake.QuantityComparator;

namespace Remedora.Fhir.Mapping;

/// <summary>Converts <see cref="AnswerValue"/>s to Firely data types and back.</summary>
internal static class AnswerPoco
{
    public static DataType ToPoco(AnswerValue value) => value switch
    {
        BooleanAnswer b => new FhirBoolean(b.Value),
        DecimalAnswer d => new FhirDecimal(d.Value),
        IntegerAnswer i => new Integer(i.Value),
        DateAnswer d => new Date(d.Value.ToString()),
        DateTimeAnswer dt => new FhirDateTime(dt.Value.ToString()),
        TimeAnswer t => new Time(t.FormatValue()),
        StringAnswer s => new FhirString(s.Value),
        UriAnswer u => new FhirUri(u.Value),
        CodingAnswer c => new Coding { System = c.Value.System, Version = c.Value.Version, Code = c.Value.Code, Display = c.Value.Display, Extension = ToExtensions(c.Extensions) },
        QuantityAnswer q => new FhirQuantity
        {
            Value = q.Value.Value,
            Unit = q.Value.Unit,
            System = q.Value.System,
            Code = q.Value.Code,
            Comparator = q.Value.Comparator switch
            {
                FormComparator.LessThan => FhirComparator.LessThan,
                FormComparator.LessOrEqual => FhirComparator.LessOrEqual,
                FormComparator.GreaterOrEqual => FhirComparator.GreaterOrEqual,
                FormComparator.GreaterThan => FhirComparator.GreaterThan,
                _ => (FhirComparator?)null,
            },
        },
        AttachmentAnswer a => new Attachment
        {
            ContentType = a.Value.ContentType,
            Url = a.Value.Url,
            SizeUnsignedInt = a.Value.Size is { } size and >= 0 and <= int.MaxValue ? (int)size : null,
            Hash = Base64(a.Value.Hash),
            Title = a.Value.Title,
            Language = a.Value.Language,
            Creation = a.Value.Creation?.ToString(),
        },
        ReferenceAnswer r => new ResourceReference { Reference = r.Value.Reference, Type = r.Value.Type, Display = r.Value.Display },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown answer kind."),
    };

    /// <summary>Extensions kept as JSON, as FHIR extensions; one that is not valid FHIR is left out.</summary>
    public static List<Extension> ToExtensions(IReadOnlyList<FormExtension>? extensions)
    {
        var result = new List<Extension>();
        foreach (var extension in extensions ?? [])
        {
            try
            {
                var holder = FhirFormats.ParseJson<Questionnaire>($$"""{"resourceType":"Questionnaire","status":"draft","extension":[{{extension.Json}}]}""");
                result.AddRange(holder.Extension);
            }
            catch (FhirFormatException)
            {
                // Kept in the model and written back on export; only FHIRPath does not see it.
            }
        }

        return result;
    }

    /// <summary>FHIR extensions as the model keeps them (JSON text).</summary>
    public static List<FormExtension>? FromExtensions(List<Extension> extensions)
        => extensions.Count == 0 ? null : extensions.Select(e => new FormExtension(e.Url ?? string.Empty, FhirFormats.ToJson(e))).ToList();

    private static byte[]? Base64(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>Converts a FHIR value (a POCO, or a FHIRPath result's .NET value) to an answer value.</summary>
    /// <returns>The answer value, or <see langword="null"/> when the value has no answer type.</returns>
    public static AnswerValue? FromPoco(Base poco)
    {
        switch (poco)
        {
            case Coding c:
                return new CodingAnswer(new FormCoding(c.System, c.Code, c.Display, c.Version)) { Extensions = FromExtensions(c.Extension) };
            case FhirQuantity q:
                return new QuantityAnswer(new FormQuantity(q.Value, q.Unit, q.System, q.Code, q.Comparator switch
                {
                    FhirComparator.LessThan => FormComparator.LessThan,
                    FhirComparator.LessOrEqual => FormComparator.LessOrEqual,
                    FhirComparator.GreaterOrEqual => FormComparator.GreaterOrEqual,
                    FhirComparator.GreaterThan => FormComparator.GreaterThan,
                    _ => (FormComparator?)null,
                }));
            case Attachment a:
                return new AttachmentAnswer(new FormAttachment
                {
                    ContentType = a.ContentType,
                    Url = a.Url,
                    Size = a.SizeUnsignedInt ?? a.Size,
                    Hash = a.Hash is { } hash ? Convert.ToBase64String(hash) : null,
                    Title = a.Title,
                    Language = a.Language,
                    Creation = a.Creation is { } creation && FormDateTime.TryParse(creation, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
                });
            case ResourceReference r:
                return new ReferenceAnswer(new FormReference(r.Reference, r.Type, r.Display));
            case PrimitiveType p:
                return FromPrimitive(p.TypeName, p.JsonValue);
            default:
                return null;
        }
    }

    private static AnswerValue? FromPrimitive(string typeName, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case bool b:
                return AnswerValue.Of(b);
            case decimal d:
                return new DecimalAnswer(d);
            case int i:
                return new IntegerAnswer(i);
            case long l:
                return l is >= int.MinValue and <= int.MaxValue ? new IntegerAnswer((int)l) : new DecimalAnswer(l);
            case Hl7.Fhir.ElementModel.Types.Quantity q:
                return new QuantityAnswer(new FormQuantity(q.Value, q.Unit, q.System == Hl7.Fhir.ElementModel.Types.QuantityUnitSystem.UCUM ? "http://unitsofmeasure.org" : null, q.Unit));
            default:
                break;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        switch (typeName)
        {
            case "date" or "System.Date" when FormDate.TryParse(text, CultureInfo.InvariantCulture, out var date):
                return new DateAnswer(date);
            case "dateTime" or "instant" or "System.DateTime" when FormDateTime.TryParse(text, CultureInfo.InvariantCulture, out var dateTime):
                return new DateTimeAnswer(dateTime);
            case "time" or "System.Time" when TimeOnly.TryParse(text.TrimStart('T'), CultureInfo.InvariantCulture, out var time):
                return new TimeAnswer(time);
            case "uri" or "url" or "canonical" or "oid" or "uuid":
                return new UriAnswer(text);
            default:
                break;
        }

        return value switch
        {
            Hl7.Fhir.ElementModel.Types.Date d when FormDate.TryParse(d.ToString(), CultureInfo.InvariantCulture, out var date) => new DateAnswer(date),
            Hl7.Fhir.ElementModel.Types.DateTime dt when FormDateTime.TryParse(dt.ToString(), CultureInfo.InvariantCulture, out var dateTime) => new DateTimeAnswer(dateTime),
            Hl7.Fhir.ElementModel.Types.Time t when TimeOnly.TryParse(t.ToString().TrimStart('T'), CultureInfo.InvariantCulture, out var time) => new TimeAnswer(time),
            _ => new StringAnswer(text),
        };
    }
}
