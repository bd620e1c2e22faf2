namespace Remedora.Intake.Engine;

/// <summary>A compiled constraint.</summary>
internal sealed class CompiledConstraint(FormConstraint source, CompiledExpr expression)
{
    public FormConstraint Source { get; } = source;

    public CompiledExpr Expression { get; } = expression;
}
