namespace Remedora.Intake.Expressions;

/// <summary>The media types of the expression languages the SDK knows by name.</summary>
public static class ExpressionLanguages
{
    /// <summary>FHIRPath (<c>text/fhirpath</c>), implemented by Remedora.Fhir.</summary>
    public const string FhirPath = "text/fhirpath";

    /// <summary>Clinical Quality Language (<c>text/cql</c>); no implementation ships with the SDK.</summary>
    public const string Cql = "text/cql";

    /// <summary>A FHIR query (<c>application/x-fhir-query</c>); needs a FHIR server, so no implementation ships with the SDK.</summary>
    public const string FhirQuery = "application/x-fhir-query";

    /// <summary>A C# delegate built into the form (<c>application/x-remedora-delegate</c>), always available.</summary>
    public const string Delegate = "application/x-remedora-delegate";
}

/// <summary>What an expression is used for in a form, told to the language when it compiles the expression.</summary>
public enum ExpressionRole
{
    /// <summary>A form-level or item-level variable.</summary>
    Variable = 0,

    /// <summary>A calculated answer (SDC <c>calculatedExpression</c>).</summary>
    CalculatedValue = 1,

    /// <summary>Initial answers (SDC <c>initialExpression</c>).</summary>
    InitialValue = 2,

    /// <summary>An enable condition (SDC <c>enableWhenExpression</c>); expected to return a boolean.</summary>
    EnableWhen = 3,

    /// <summary>A constraint (SDC <c>targetConstraint</c>); expected to return a boolean.</summary>
    Constraint = 4,

    /// <summary>A score; expected to return a number.</summary>
    Score = 5,

    /// <summary>A red-flag condition; expected to return a boolean.</summary>
    RedFlagCondition = 6,
}

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

/// <summary>A compiled expression. Must be safe to evaluate from several threads at once.</summary>
public interface ICompiledExpression
{
    /// <summary>Evaluates the expression against the current answers and variables.</summary>
    /// <param name="context">The answers, variables and, for item-level expressions, the context item.</param>
    /// <returns>The result. An exception thrown here is caught by the engine and reported as a diagnostic, never to the caller.</returns>
    ExpressionResult Evaluate(ExpressionEvaluationContext context);
}

/// <summary>Evaluates an expression of a form built in C#.</summary>
/// <param name="context">The answers, variables and context item.</param>
/// <returns>The result.</returns>
public delegate ExpressionResult ExpressionDelegate(ExpressionEvaluationContext context);

/// <summary>An expression is not valid in its language. Thrown by <see cref="IExpressionLanguage.Compile"/>.</summary>
public sealed class ExpressionCompilationException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.expression_invalid";

    /// <summary>Initializes a new instance of the <see cref="ExpressionCompilationException"/> class.</summary>
    /// <param name="message">What is wrong with the expression and how to fix it.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public ExpressionCompilationException(string message, Exception? innerException = null)
        : base(ErrorCode, RemedoraErrorCategory.Validation, message, innerException)
    {
    }
}
