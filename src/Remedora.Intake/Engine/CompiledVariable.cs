namespace Remedora.Intake.Engine;

/// <summary>A compiled variable.</summary>
internal sealed class CompiledVariable(string name, CompiledExpr expression)
{
    public string Name { get; } = name;

    public CompiledExpr Expression { get; } = expression;
}
