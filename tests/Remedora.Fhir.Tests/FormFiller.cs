using Remedora.Intake;

namespace Remedora.Fhir.Tests;

/// <summary>Fills every question of a form with a plausible answer of its type (calculated and read-only items are left to the engine).</summary>
internal static class FormFiller
{
    public static FormResponse Fill(FormDefinition form, Func<FormItem, AnswerValue?>? overrides = null)
        => new() { Form = form.Reference, Items = FillItems(form, form.Items, overrides) };

    private static List<ResponseItem> FillItems(FormDefinition form, IReadOnlyList<FormItem> items, Func<FormItem, AnswerValue?>? overrides)
    {
        var result = new List<ResponseItem>();
        foreach (var item in items)
        {
            switch (item.Type)
            {
                case FormItemType.Display:
                    break;
                case FormItemType.Group:
                    result.Add(new ResponseItem { LinkId = item.LinkId, Items = FillItems(form, item.Items, overrides) });
                    break;
                default:
                    if (item.ReadOnly || item.CalculatedExpression is not null)
                    {
                        break;
                    }

                    var value = overrides?.Invoke(item) ?? ValidValue(form, item);
                    if (value is null)
                    {
                        break;
                    }

                    result.Add(new ResponseItem { LinkId = item.LinkId, Answers = [new ResponseAnswer(value) { Items = FillItems(form, item.Items, overrides) }] });
                    break;
            }
        }

        return result;
    }

    public static AnswerValue? ValidValue(FormDefinition form, FormItem item)
    {
        if (item.AnswerOptions.Count > 0)
        {
            return item.AnswerOptions[0].Value;
        }

        if (item.AnswerValueSet is { } vs && form.ValueSets.FirstOrDefault(v => "#" + v.Id == vs || v.Url == vs) is { Concepts.Count: > 0 } valueSet)
        {
            return new CodingAnswer(valueSet.Concepts[0].ToCoding());
        }

        return item.Type switch
        {
            FormItemType.Boolean => AnswerValue.Of(true),
            FormItemType.Decimal => new DecimalAnswer(Between(item, 42.5m)),
            FormItemType.Integer => new IntegerAnswer((int)Between(item, 3)),
            FormItemType.Date => new DateAnswer(FormDate.Parse("2001-02-03", null)),
            FormItemType.DateTime => new DateTimeAnswer(FormDateTime.Parse("2001-02-03T04:05:06Z", null)),
            FormItemType.Time => new TimeAnswer(new TimeOnly(10, 30)),
            FormItemType.String or FormItemType.Text => new StringAnswer(item.MaxLength is { } max and < 5 ? new string('a', Math.Max(1, max)) : "Some text"),
            FormItemType.Url => new UriAnswer("https://example.org/page"),
            FormItemType.Choice or FormItemType.OpenChoice => AnswerValue.Code("http://example.org/codes", "a", "A"),
            FormItemType.Attachment => new AttachmentAnswer(new FormAttachment
            {
                ContentType = item.AllowedContentTypes.FirstOrDefault() ?? "image/png",
                Url = "https://files.example.org/photo-1",
                Size = 1000,
                Title = "photo",
            }),
            FormItemType.Reference => new ReferenceAnswer(new FormReference("Practitioner/123")),
            FormItemType.Quantity => new QuantityAnswer(item.Unit is { } unit || item.UnitOptions.Count > 0
                ? new FormQuantity(1.5m, (item.Unit ?? item.UnitOptions[0]).Display ?? (item.Unit ?? item.UnitOptions[0]).Code, (item.Unit ?? item.UnitOptions[0]).System, (item.Unit ?? item.UnitOptions[0]).Code)
                : new FormQuantity(1.5m, "kg", "http://unitsofmeasure.org", "kg")),
            _ => null,
        };
    }

    private static decimal Between(FormItem item, decimal fallback)
    {
        var min = Number(item.MinValue);
        var max = Number(item.MaxValue);
        return (min, max) switch
        {
            ({ } a, { } b) => decimal.Truncate((a + b) / 2),
            ({ } a, null) => a + 1,
            (null, { } b) => b - 1,
            _ => fallback,
        };
    }

    private static decimal? Number(AnswerValue? value) => value switch
    {
        DecimalAnswer d => d.Value,
        IntegerAnswer i => i.Value,
        QuantityAnswer q => q.Value.Value,
        _ => null,
    };
}
