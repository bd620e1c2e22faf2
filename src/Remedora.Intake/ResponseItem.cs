namespace Remedora.Intake;

/// <summary>The answers to one item (or one occurrence of a repeating group).</summary>
public sealed record ResponseItem
{
    /// <summary>Gets the linkId of the form item answered.</summary>
    public required string LinkId { get; init; }

    /// <summary>Gets the item's text as shown when the answers were given.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the answers of a question (several when it repeats); empty for groups.</summary>
    public IReadOnlyList<ResponseAnswer> Answers { get; init; } = [];

    /// <summary>Gets the nested items of a group.</summary>
    public IReadOnlyList<ResponseItem> Items { get; init; } = [];

    /// <summary>Creates the answers to a question.</summary>
    /// <param name="linkId">The question's linkId.</param>
    /// <param name="values">The answers.</param>
    /// <returns>The item.</returns>
    public static ResponseItem Question(string linkId, params AnswerValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var answers = new ResponseAnswer[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            answers[i] = new ResponseAnswer(values[i]);
        }

        return new ResponseItem { LinkId = linkId, Answers = answers };
    }

    /// <summary>Creates one occurrence of a group.</summary>
    /// <param name="linkId">The group's linkId.</param>
    /// <param name="items">The nested items.</param>
    /// <returns>The item.</returns>
    public static ResponseItem Group(string linkId, params ResponseItem[] items) => new() { LinkId = linkId, Items = items };

    /// <summary>Returns the linkId only.</summary>
    /// <returns>For example <c>item phq9-9</c>.</returns>
    public override string ToString() => $"item {LinkId}";
}
