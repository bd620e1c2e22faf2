namespace Remedora.Intake.Expressions;

/// <summary>The item an item-level expression is evaluated for (FHIRPath <c>%context</c>).</summary>
public sealed class ExpressionItemContext
{
    internal ExpressionItemContext(FormItem item, string path, IReadOnlyList<ItemPathSegment> segments, IReadOnlyList<AnswerValue> answers)
    {
        Item = item;
        Path = path;
        Segments = segments;
        Answers = answers;
    }

    /// <summary>Gets the item's definition.</summary>
    public FormItem Item { get; }

    /// <summary>Gets the linkId.</summary>
    public string LinkId => Item.LinkId;

    /// <summary>Gets the path of this occurrence, as used in validation problems, for example <c>item[meds][1].item[dose]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the path from the top of the form to this occurrence.</summary>
    public IReadOnlyList<ItemPathSegment> Segments { get; }

    /// <summary>Gets the current answers of this occurrence.</summary>
    public IReadOnlyList<AnswerValue> Answers { get; }
}
