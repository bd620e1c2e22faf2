using Remedora.Intake.Expressions;

namespace Remedora.Intake.Engine;

/// <summary>A compiled expression with where it came from.</summary>
internal sealed class CompiledExpr(FormExpression source, ICompiledExpression compiled, string path)
{
    public FormExpression Source { get; } = source;

    public ICompiledExpression Compiled { get; } = compiled;

    public string Path { get; } = path;
}
