namespace Remedora.Intake.Engine;

/// <summary>Helpers on answer values the engine shares.</summary>
internal static class AnswerValues
{
    /// <summary>Determines whether a value has its payload (JSON can produce a coding answer without a coding).</summary>
    public static bool IsWellFormed(AnswerValue? value) => value switch
    {
        null => false,
        StringAnswer s => s.Value is not null,
        UriAnswer u => u.Value is not null,
        CodingAnswer c => c.Value is not null,
        QuantityAnswer q => q.Value is not null,
        AttachmentAnswer a => a.Value is not null,
        ReferenceAnswer r => r.Value is not null,
        DateAnswer d => !d.Value.IsEmpty,
        DateTimeAnswer dt => !dt.Value.IsEmpty,
        _ => true,
    };

    /// <summary>Determines whether a value's kind fits an item type (for choice items, also the kinds of its options).</summary>
    public static bool Fits(FormItem item, AnswerValue value, IReadOnlyList<AnswerValueKind>? optionKinds)
    {
        return item.Type switch
        {
            FormItemType.Boolean => value is BooleanAnswer,
            FormItemType.Decimal => value is DecimalAnswer,
            FormItemType.Integer => value is IntegerAnswer,
            FormItemType.Date => value is DateAnswer,
            FormItemType.DateTime => value is DateTimeAnswer,
            FormItemType.Time => value is TimeAnswer,
            FormItemType.String or FormItemType.Text => value is StringAnswer,
            FormItemType.Url => value is UriAnswer,
            FormItemType.Choice => value is CodingAnswer || (optionKinds is not null && Contains(optionKinds, value.Kind)),
            FormItemType.OpenChoice => value is CodingAnswer or StringAnswer || (optionKinds is not null && Contains(optionKinds, value.Kind)),
            FormItemType.Attachment => value is AttachmentAnswer,
            FormItemType.Reference => value is ReferenceAnswer,
            FormItemType.Quantity => value is QuantityAnswer,
            _ => false,
        };
    }

    /// <summary>Determines whether a value may be an answer option of an item type.</summary>
    public static bool FitsOption(FormItemType type, AnswerValue value) => type switch
    {
        FormItemType.Choice or FormItemType.OpenChoice => value is CodingAnswer or StringAnswer or IntegerAnswer or DateAnswer or TimeAnswer or ReferenceAnswer,
        FormItemType.String or FormItemType.Text => value is StringAnswer,
        FormItemType.Integer => value is IntegerAnswer,
        FormItemType.Date => value is DateAnswer,
        FormItemType.Time => value is TimeAnswer,
        FormItemType.Reference => value is ReferenceAnswer,
        _ => false,
    };

    private static bool Contains(IReadOnlyList<AnswerValueKind> kinds, AnswerValueKind kind)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == kind)
            {
                return true;
            }
        }

        return false;
    }
}
