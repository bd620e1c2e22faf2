using System.Text;

namespace Remedora.Intake.Engine;

/// <summary>One occurrence of an item in an evaluation: a node bound to the answers given for it.</summary>
internal sealed class Instance
{
    private static readonly AnswerValue[] NoAnswers = [];

    public Instance(ItemNode? node, Instance? parent, int occurrence, bool present)
    {
        Node = node;
        Parent = parent;
        Occurrence = occurrence;
        Present = present;
    }

    /// <summary>Gets the node; <see langword="null"/> for the root.</summary>
    public ItemNode? Node { get; }

    public Instance? Parent { get; }

    public int Occurrence { get; }

    /// <summary>Gets a value indicating whether the occurrence came from the answers (rather than being added empty).</summary>
    public bool Present { get; }

    public AnswerValue[] Answers { get; set; } = NoAnswers;

    /// <summary>Gets or sets the text the answers gave for the item.</summary>
    public string? Text { get; set; }

    public List<Instance>? Children { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="Answers"/> hold a calculated value.</summary>
    public bool Calculated { get; set; }

    /// <summary>Gets or sets the next instance of the same node, in document order.</summary>
    public Instance? NextOfNode { get; set; }

    /// <summary>Gets or sets the variables computed for this occurrence, with the revision they were computed at.</summary>
    public Dictionary<string, (int Revision, Expressions.ExpressionResult Value)>? VariableCache { get; set; }

    public void AddChild(Instance child) => (Children ??= new List<Instance>(4)).Add(child);

    public int CountChildrenOf(ItemNode node)
    {
        var count = 0;
        if (Children is not null)
        {
            foreach (var child in Children)
            {
                if (ReferenceEquals(child.Node, node))
                {
                    count++;
                }
            }
        }

        return count;
    }

    public string Path
    {
        get
        {
            var builder = new StringBuilder();
            Append(builder);
            return builder.ToString();
        }
    }

    public List<Expressions.ItemPathSegment> Segments()
    {
        var list = new List<Expressions.ItemPathSegment>();
        for (var i = this; i?.Node is not null; i = i.Parent)
        {
            list.Add(new Expressions.ItemPathSegment(i.Node.LinkId, i.Occurrence));
        }

        list.Reverse();
        return list;
    }

    private void Append(StringBuilder builder)
    {
        if (Node is null)
        {
            return;
        }

        if (Parent?.Node is not null)
        {
            Parent.Append(builder);
            builder.Append('.');
        }

        builder.Append("item[").Append(Node.LinkId).Append(']');
        if (Node.IsRepeatingGroup || Occurrence > 0)
        {
            builder.Append('[').Append(Occurrence).Append(']');
        }
    }
}
