using System.Text.RegularExpressions;

namespace Remedora.Intake.Engine;

/// <summary>One item of a compiled form.</summary>
internal sealed class ItemNode
{
    public ItemNode(int index, FormItem item, ItemNode? parent, int siblingIndex)
    {
        Index = index;
        Item = item;
        Parent = parent;
        SiblingIndex = siblingIndex;
        Depth = parent is null ? 1 : parent.Depth + 1;
        IsQuestion = item.IsQuestion;
        IsRepeatingGroup = item.Type == FormItemType.Group && item.Repeats;
    }

    private string? _definitionPath;

    public int Index { get; }

    public FormItem Item { get; }

    public string LinkId => Item.LinkId;

    public ItemNode? Parent { get; }

    /// <summary>Gets the position among the parent's children.</summary>
    public int SiblingIndex { get; }

    /// <summary>Gets the depth: 1 for top-level items (the root is 0).</summary>
    public int Depth { get; }

    public bool IsQuestion { get; }

    public bool IsRepeatingGroup { get; }

    public ItemNode[] Children { get; set; } = [];

    public CompiledCondition[] EnableWhen { get; set; } = [];

    public CompiledExpr? EnableWhenExpression { get; set; }

    public CompiledExpr? Calculated { get; set; }

    public CompiledExpr? InitialExpression { get; set; }

    public CompiledVariable[] Variables { get; set; } = [];

    public CompiledConstraint[] Constraints { get; set; } = [];

    public Regex? Pattern { get; set; }

    /// <summary>Gets the allowed answers: the item's options, or the concepts of its resolved value set.</summary>
    public AnswerValue[] AllowedValues { get; set; } = [];

    /// <summary>Gets the scores of <see cref="AllowedValues"/>, position by position.</summary>
    public decimal?[] AllowedScores { get; set; } = [];

    /// <summary>Gets a value indicating whether answers are checked against <see cref="AllowedValues"/>.</summary>
    public bool ChecksMembership { get; set; }

    /// <summary>Gets a value indicating whether any allowed value has a score.</summary>
    public bool HasScores { get; set; }

    /// <summary>Gets the kinds of the item's options, for the type check of choice answers.</summary>
    public AnswerValueKind[] OptionKinds { get; set; } = [];

    /// <summary>Gets the initial values that fit the item.</summary>
    public AnswerValue[] Initial { get; set; } = [];

    /// <summary>Gets the item's path in the definition, built once (from the parent's) and kept.</summary>
    public string DefinitionPath => _definitionPath ??= Parent is null ? $"item[{LinkId}]" : $"{Parent.DefinitionPath}.item[{LinkId}]";

    /// <summary>Gets the names of the variables an expression of the item can use: the form's, its ancestors' and its own.</summary>
    public IReadOnlyList<string> VariableScope { get; set; } = [];

    /// <summary>Gets a value indicating whether the item had a calculation the importer kept but could not make evaluable.</summary>
    public bool CalculationUnavailable { get; set; }

    public ItemNode? FindChild(string linkId)
    {
        foreach (var child in Children)
        {
            if (string.Equals(child.LinkId, linkId, StringComparison.Ordinal))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>Gets the score of a value among the allowed values.</summary>
    public decimal? ScoreOf(AnswerValue value)
    {
        if (!HasScores)
        {
            return null;
        }

        for (var i = 0; i < AllowedValues.Length; i++)
        {
            if (value.Kind == AllowedValues[i].Kind && AnswerComparison.AreEqual(value, AllowedValues[i]))
            {
                return AllowedScores[i];
            }
        }

        return null;
    }

    /// <summary>Determines whether a value is among the allowed values.</summary>
    public bool IsAllowed(AnswerValue value)
    {
        for (var i = 0; i < AllowedValues.Length; i++)
        {
            if (value.Kind == AllowedValues[i].Kind && AnswerComparison.AreEqual(value, AllowedValues[i]))
            {
                return true;
            }
        }

        return false;
    }
}
