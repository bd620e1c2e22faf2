namespace Remedora.Intake.Building;

/// <summary>
/// Builds a <see cref="FormResponse"/> from answers by linkId, placing each in its group as the definition nests it:
/// <code>
/// var response = FormResponseBuilder.For(form)
///     .Answer("phq9-1", AnswerValue.Code(system, "1"))
///     .Repetition("medications", r => r.Answer("medication-name", AnswerValue.Of("ibuprofen")))
///     .Build();
/// </code>
/// </summary>
public sealed class FormResponseBuilder
{
    private readonly FormDefinition _definition;
    private readonly Dictionary<string, FormItem[]> _paths = new(StringComparer.Ordinal);
    private readonly Node _root = new(string.Empty);

    private FormResponseBuilder(FormDefinition definition)
    {
        _definition = definition;
        Index(definition.Items ?? [], []);
    }

    /// <summary>Starts answers to a form.</summary>
    /// <param name="definition">The form.</param>
    /// <returns>The builder.</returns>
    public static FormResponseBuilder For(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new FormResponseBuilder(definition);
    }

    /// <summary>
    /// Sets the answers of a question, in the latest occurrence of each repeating group around it (one is started when
    /// there is none).
    /// </summary>
    /// <param name="linkId">The question's linkId.</param>
    /// <param name="values">The answers; none clears them.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The form has no item with <paramref name="linkId"/>.</exception>
    public FormResponseBuilder Answer(string linkId, params AnswerValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var node = Locate(linkId, newOccurrence: false);
        node.Answers.Clear();
        node.Answers.AddRange(values);
        return this;
    }

    /// <summary>Starts a new occurrence of a repeating group and fills it.</summary>
    /// <param name="groupLinkId">The group's linkId.</param>
    /// <param name="fill">Answers the questions of the new occurrence.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The form has no item with <paramref name="groupLinkId"/>.</exception>
    public FormResponseBuilder Repetition(string groupLinkId, Action<FormResponseBuilder> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        Locate(groupLinkId, newOccurrence: true);
        fill(this);
        return this;
    }

    /// <summary>Builds the response, to the definition's URL and version.</summary>
    /// <returns>The response.</returns>
    public FormResponse Build() => new() { Form = _definition.Reference, Items = BuildItems(_root) };

    private Node Locate(string linkId, bool newOccurrence)
    {
        if (linkId is null || !_paths.TryGetValue(linkId, out var path))
        {
            throw new ArgumentException($"The form has no item '{linkId}'.", nameof(linkId));
        }

        var current = _root;
        for (var i = 0; i < path.Length; i++)
        {
            var item = path[i];
            var last = i == path.Length - 1;
            Node? existing = null;
            for (var c = current.Children.Count - 1; c >= 0; c--)
            {
                if (current.Children[c].LinkId == item.LinkId)
                {
                    existing = current.Children[c];
                    break;
                }
            }

            if (existing is null || (last && newOccurrence))
            {
                existing = new Node(item.LinkId) { IsQuestion = item.IsQuestion };
                current.Children.Add(existing);
            }

            current = existing;
        }

        return current;
    }

    private void Index(IReadOnlyList<FormItem> items, FormItem[] ancestors)
    {
        foreach (var item in items)
        {
            if (item?.LinkId is null)
            {
                continue;
            }

            FormItem[] path = [.. ancestors, item];
            _paths.TryAdd(item.LinkId, path);
            Index(item.Items ?? [], path);
        }
    }

    private static List<ResponseItem> BuildItems(Node node)
    {
        var items = new List<ResponseItem>(node.Children.Count);
        foreach (var child in node.Children)
        {
            var nested = BuildItems(child);
            if (child.IsQuestion)
            {
                var answers = child.Answers.Select((v, i) => new ResponseAnswer(v) { Items = i == 0 ? nested : [] }).ToArray();
                items.Add(new ResponseItem { LinkId = child.LinkId, Answers = answers, Items = answers.Length == 0 ? nested : [] });
            }
            else
            {
                items.Add(new ResponseItem { LinkId = child.LinkId, Items = nested });
            }
        }

        return items;
    }

    private sealed class Node(string linkId)
    {
        public string LinkId { get; } = linkId;

        public bool IsQuestion { get; init; }

        public List<AnswerValue> Answers { get; } = [];

        public List<Node> Children { get; } = [];
    }
}
