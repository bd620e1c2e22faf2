namespace Remedora.Intake.Expressions;

/// <summary>
/// An expression language: compiles the text of a <see cref="FormExpression"/> once per form definition version into an
/// <see cref="ICompiledExpression"/> the engine evaluates many times. Register implementations with the
/// <see cref="Engine.FormEngine"/> (or in DI); Remedora.Fhir registers FHIRPath.
/// </summary>
public interface IExpressionLanguage
{
    /// <summary>Gets the media type of the language, matched against <see cref="FormExpression.Language"/>, for example <c>text/fhirpath</c>.</summary>
    string Language { get; }

    /// <summary>Compiles an expression. Called once per expression per definition version, when the definition is loaded.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="context">Where the expression appears: the definition, the item, its role, the variables in scope.</param>
    /// <returns>The compiled expression.</returns>
    /// <exception cref="ExpressionCompilationException">The expression is not valid in this language; the definition does not load.</exception>
    ICompiledExpression Compile(FormExpression expression, ExpressionCompilationContext context);
}
