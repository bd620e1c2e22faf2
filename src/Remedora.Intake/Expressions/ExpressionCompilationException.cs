namespace Remedora.Intake.Expressions;

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
