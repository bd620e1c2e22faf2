namespace Remedora.Intake.Engine;

/// <summary>A compiled score.</summary>
internal sealed class CompiledScore(FormScore source, ItemNode[] items, CompiledExpr? expression)
{
    public FormScore Source { get; } = source;

    public ItemNode[] Items { get; } = items;

    public CompiledExpr? Expression { get; } = expression;
}
