using System.Text.Json.Serialization;
using Remedora.Intake.Expressions;

namespace Remedora.Intake;

/// <summary>
/// An expression in a named language, as FHIR <c>Expression</c>: a calculated value, a variable, an enable condition,
/// an initial value, a constraint, a score or a red-flag condition. The engine compiles it once per definition version
/// through the <see cref="IExpressionLanguage"/> registered for <see cref="Language"/>.
/// </summary>
/// <remarks>
/// A form built in C# can use a plain delegate instead of text: <see cref="FromDelegate"/> creates an expression in the
/// <see cref="ExpressionLanguages.Delegate"/> language that carries the delegate. The delegate is not written to JSON;
/// a form read back from JSON binds it by <see cref="Expression"/> (its key) through
/// <see cref="DelegateExpressionLanguage.Register"/>.
/// </remarks>
public sealed record FormExpression
{
    /// <summary>Gets the language's media type, for example <c>text/fhirpath</c> (see <see cref="ExpressionLanguages"/>).</summary>
    public required string Language { get; init; }

    /// <summary>Gets the expression text; for the delegate language, the delegate's key.</summary>
    public required string Expression { get; init; }

    /// <summary>Gets the name by which other expressions refer to the result (required for variables).</summary>
    public string? Name { get; init; }

    /// <summary>Gets a description of what the expression computes, for authors.</summary>
    public string? Description { get; init; }

    /// <summary>Gets a URI where the expression is defined (FHIR <c>Expression.reference</c>).</summary>
    public string? Reference { get; init; }

    /// <summary>Gets the delegate of an expression in the <see cref="ExpressionLanguages.Delegate"/> language built in C#.</summary>
    /// <value>The delegate; <see langword="null"/> for text expressions and for delegate expressions read from JSON.</value>
    [JsonIgnore]
    public ExpressionDelegate? Delegate { get; init; }

    /// <summary>Creates a FHIRPath expression.</summary>
    /// <param name="expression">The FHIRPath text.</param>
    /// <param name="name">The name, for variables.</param>
    /// <param name="description">A description for authors.</param>
    /// <returns>The expression.</returns>
    public static FormExpression FhirPath(string expression, string? name = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return new() { Language = ExpressionLanguages.FhirPath, Expression = expression, Name = name, Description = description };
    }

    /// <summary>Creates an expression evaluated by a C# delegate.</summary>
    /// <param name="key">The key that names the delegate; it is written to JSON so a form read back can bind it again.</param>
    /// <param name="evaluate">The delegate.</param>
    /// <param name="name">The name, for variables.</param>
    /// <param name="description">A description for authors.</param>
    /// <returns>The expression.</returns>
    public static FormExpression FromDelegate(string key, ExpressionDelegate evaluate, string? name = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(evaluate);
        return new() { Language = ExpressionLanguages.Delegate, Expression = key, Name = name, Description = description, Delegate = evaluate };
    }
}
