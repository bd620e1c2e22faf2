namespace Remedora.Intake.Expressions;

/// <summary>A compiled expression. Must be safe to evaluate from several threads at once.</summary>
public interface ICompiledExpression
{
    /// <summary>Evaluates the expression against the current answers and variables.</summary>
    /// <param name="context">The answers, variables and, for item-level expressions, the context item.</param>
    /// <returns>The result. An exception thrown here is caught by the engine and reported as a diagnostic, never to the caller.</returns>
    ExpressionResult Evaluate(ExpressionEvaluationContext context);
}
