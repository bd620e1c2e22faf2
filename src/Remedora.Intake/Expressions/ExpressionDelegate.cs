namespace Remedora.Intake.Expressions;

/// <summary>Evaluates an expression of a form built in C#.</summary>
/// <param name="context">The answers, variables and context item.</param>
/// <returns>The result.</returns>
public delegate ExpressionResult ExpressionDelegate(ExpressionEvaluationContext context);
