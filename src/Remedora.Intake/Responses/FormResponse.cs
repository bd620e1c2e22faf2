namespace Remedora.Intake;

/// <summary>
/// A set of answers to one version of a form, shaped like FHIR QuestionnaireResponse: items by linkId, with answers,
/// nested items of groups, and nested items under answers.
/// </summary>
/// <remarks>A repeating group appears as several items with the same linkId; a repeating question as several answers.</remarks>
public sealed record FormResponse
{
    /// <summary>Gets the exact form version the answers are to.</summary>
    public required FormVersionReference Form { get; init; }

    /// <summary>Gets the top-level items.</summary>
    public IReadOnlyList<ResponseItem> Items { get; init; } = [];

    /// <summary>Returns the form reference only; answers never appear in text the SDK produces.</summary>
    /// <returns>For example <c>response to https://forms.example.org/phq-9|1.0.0</c>.</returns>
    public override string ToString() => $"response to {Form}";
}

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

/// <summary>One answer to a question, with the items nested under it.</summary>
/// <param name="Value">The value.</param>
public sealed record ResponseAnswer(AnswerValue Value)
{
    /// <summary>Gets the items nested under this answer (children of a question).</summary>
    public IReadOnlyList<ResponseItem> Items { get; init; } = [];

    /// <summary>Names the answer's kind only; answers are patient data.</summary>
    /// <returns>For example <c>integer answer</c>.</returns>
    public override string ToString() => Value?.ToString() ?? "answer";
}
