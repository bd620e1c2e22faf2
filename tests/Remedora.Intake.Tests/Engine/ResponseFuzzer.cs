using System.Globalization;

namespace Remedora.Intake.Tests.Engine;

/// <summary>
/// Turns a list of random numbers into answers to a form: mostly well-typed answers and option choices, with wrong
/// types, empty and oversized text, extreme numbers, partial dates, repeats of non-repeating items, unknown and
/// misplaced items, answers on groups and malformed values mixed in. Shrinking the numbers shrinks the answers.
/// </summary>
internal sealed class ResponseFuzzer(FormDefinition form, uint[] choices)
{
    /// <summary>Put into every generated text, so tests can check that no message repeats an answer.</summary>
    public const string Marker = "PHI-7f3a";

    private readonly string[] _allLinkIds = AllLinkIds(form.Items).ToArray();
    private int _position;

    public FormResponse Build()
    {
        var reference = Chance(2) ? new FormVersionReference(form.Url, "0.0.0-other") : form.Reference;
        return new FormResponse { Form = reference, Items = ItemsFor(form.Items, 0) };
    }

    private List<ResponseItem> ItemsFor(IReadOnlyList<FormItem> items, int depth)
    {
        var result = new List<ResponseItem>();
        foreach (var item in items)
        {
            if (!Chance(75))
            {
                continue;
            }

            var occurrences = item.Type == FormItemType.Group && (item.Repeats || Chance(3)) ? Below(7) : Chance(3) ? 2 : 1;
            for (var o = 0; o < occurrences; o++)
            {
                result.Add(ItemFor(item, depth));
            }
        }

        if (Chance(4))
        {
            result.Add(ResponseItem.Question(Chance(50) ? "no-such-item" : _allLinkIds[Below(_allLinkIds.Length)], AnyValue()));
        }

        if (Chance(2))
        {
            result.Add(null!);
        }

        if (Chance(2))
        {
            result.Add(new ResponseItem { LinkId = null! });
        }

        if (Chance(3))
        {
            result.Reverse();
        }

        return result;
    }

    private ResponseItem ItemFor(FormItem item, int depth)
    {
        var children = depth < 6 && item.Items.Count > 0 ? ItemsFor(item.Items, depth + 1) : [];
        if (!item.IsQuestion)
        {
            var answers = Chance(3) ? new[] { new ResponseAnswer(AnyValue()) } : [];
            return new ResponseItem { LinkId = item.LinkId, Items = children, Answers = answers, Text = Chance(5) ? Text() : null };
        }

        var count = item.Repeats ? Below(6) : Chance(5) ? 2 : Chance(85) ? 1 : 0;
        var list = new List<ResponseAnswer>();
        for (var i = 0; i < count; i++)
        {
            var value = Chance(80) ? GoodValue(item) : Chance(90) ? AnyValue() : null;
            list.Add(value is null && Chance(50) ? null! : new ResponseAnswer(value!) { Items = i == 0 && Chance(70) ? children : [] });
        }

        return new ResponseItem { LinkId = item.LinkId, Answers = list, Items = list.Count == 0 || Chance(20) ? children : [] };
    }

    private AnswerValue GoodValue(FormItem item)
    {
        if (item.AnswerOptions.Count > 0 && Chance(85))
        {
            return item.AnswerOptions[Below(item.AnswerOptions.Count)].Value;
        }

        return item.Type switch
        {
            FormItemType.Boolean => AnswerValue.Of(Chance(50)),
            FormItemType.Decimal => AnswerValue.Of(Number()),
            FormItemType.Integer => AnswerValue.Of(Integer()),
            FormItemType.Date => AnswerValue.Of(Date()),
            FormItemType.DateTime => AnswerValue.Of(DateTime()),
            FormItemType.Time => AnswerValue.Of(new TimeOnly(Below(24), Below(60), Below(60))),
            FormItemType.String or FormItemType.Text => AnswerValue.Of(Text()),
            FormItemType.Url => new UriAnswer(Chance(70) ? $"https://example.org/{Below(100)}" : Text()),
            FormItemType.Choice or FormItemType.OpenChoice => Chance(50) ? AnswerValue.Code("http://example.org", Below(5).ToString(CultureInfo.InvariantCulture)) : AnswerValue.Of(Text()),
            FormItemType.Attachment => AnswerValue.Of(new FormAttachment
            {
                ContentType = Pick("image/jpeg", "image/png", "application/pdf", "image/jpeg; charset=binary", null, "IMAGE/PNG"),
                Url = Chance(85) ? $"https://files.example.org/{Below(1000)}" : Pick(null, string.Empty, " "),
                Size = Chance(90) ? Pick<long?>(0, 1, 4_999_999, 5_000_000, 5_000_001, 26_214_401, long.MaxValue, -1) : null,
            }),
            FormItemType.Reference => AnswerValue.Of(new FormReference(Pick("Practitioner/1", null, string.Empty, "  "))),
            FormItemType.Quantity => AnswerValue.Of(new FormQuantity(Chance(90) ? Number() : null, Pick("mg", "kg", null), Pick("http://unitsofmeasure.org", null), Pick("mg", "Cel", "[degF]", "kg", null))),
            _ => AnyValue(),
        };
    }

    private AnswerValue AnyValue() => Below(16) switch
    {
        0 => AnswerValue.Of(Chance(50)),
        1 => AnswerValue.Of(Number()),
        2 => AnswerValue.Of(Integer()),
        3 => AnswerValue.Of(Date()),
        4 => AnswerValue.Of(DateTime()),
        5 => AnswerValue.Of(new TimeOnly(Below(24), Below(60))),
        6 => AnswerValue.Of(Text()),
        7 => new UriAnswer(Text()),
        8 => AnswerValue.Of(new FormCoding(Pick("http://example.org", null), Pick("1", "2.2", "x", null, string.Empty), Pick("d", null))),
        9 => AnswerValue.Of(new FormQuantity(Chance(50) ? Number() : null)),
        10 => AnswerValue.Of(new FormAttachment()),
        11 => AnswerValue.Of(new FormReference()),
        12 => new CodingAnswer(null!),
        13 => new StringAnswer(null!),
        14 => new DateAnswer(default),
        _ => new DateTimeAnswer(default),
    };

    private decimal Number() => Below(8) switch
    {
        0 => decimal.MaxValue,
        1 => decimal.MinValue,
        2 => 0.0000000001m,
        3 => -Below(1000),
        4 => Below(500) + (Below(1000) / 1000m),
        _ => Below(300),
    };

    private int Integer() => Below(6) switch
    {
        0 => int.MaxValue,
        1 => int.MinValue,
        2 => -1,
        _ => Below(60),
    };

    private FormDate Date() => Below(4) switch
    {
        0 => FormDate.Partial(1 + Below(9999)),
        1 => FormDate.Partial(1900 + Below(200), 1 + Below(12)),
        2 => FormDate.FromDateOnly(DateOnly.MaxValue),
        _ => FormDate.FromDateOnly(new DateOnly(1900 + Below(200), 1 + Below(12), 1 + Below(28))),
    };

    private FormDateTime DateTime() => FormDateTime.Parse(Pick("2024", "2024-05", "2024-05-17", "2024-05-17T09:30", "2024-05-17T09:30:00Z", "2024-05-17T23:59:59.999+14:00", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59Z")!);

    private string Text() => Below(8) switch
    {
        7 => "ab",
        0 => string.Empty,
        1 => "   ",
        2 => new string('x', 600) + Marker,
        3 => "12345",
        4 => $"{Marker} ünï\u0000cödé \"quoted\"",
        5 => "A1A 1A1",
        _ => $"{Marker}-{Below(100)}",
    };

    private T Pick<T>(params T[] values) => values[Below(values.Length)];

    private bool Chance(int percent) => Below(100) < percent;

    private int Below(int n) => n <= 1 ? 0 : (int)(Next() % (uint)n);

    private uint Next() => _position < choices.Length ? choices[_position++] : 0;

    private static IEnumerable<string> AllLinkIds(IReadOnlyList<FormItem> items)
    {
        foreach (var item in items)
        {
            yield return item.LinkId;
            foreach (var child in AllLinkIds(item.Items))
            {
                yield return child;
            }
        }
    }
}
