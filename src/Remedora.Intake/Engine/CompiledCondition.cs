namespace Remedora.Intake.Engine;

/// <summary>A compiled enableWhen condition, with the route from the dependent item to the question.</summary>
internal sealed class CompiledCondition(EnableWhenCondition source, ItemNode target, int levelsUp, ItemNode[] pathDown)
{
    public EnableWhenCondition Source { get; } = source;

    public ItemNode Target { get; } = target;

    /// <summary>Gets how many levels to climb from the dependent item's instance to the common ancestor's instance.</summary>
    public int LevelsUp { get; } = levelsUp;

    /// <summary>Gets the nodes from below the common ancestor down to the target.</summary>
    public ItemNode[] PathDown { get; } = pathDown;
}
