using System.Collections.Concurrent;

namespace Remedora.Intake.Expressions;

/// <summary>
/// The <see cref="ExpressionLanguages.Delegate"/> language: expressions evaluated by C# delegates. An expression built
/// with <see cref="FormExpression.FromDelegate"/> carries its delegate; an expression read from JSON is bound by its key
/// to a delegate registered here.
/// </summary>
public sealed class DelegateExpressionLanguage : IExpressionLanguage
{
    private readonly ConcurrentDictionary<string, ExpressionDelegate> _registered = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Language => ExpressionLanguages.Delegate;

    /// <summary>Registers a delegate under a key, for forms read from JSON that name it.</summary>
    /// <param name="key">The key, as written in <see cref="FormExpression.Expression"/>.</param>
    /// <param name="evaluate">The delegate.</param>
    /// <returns>This language, to register more.</returns>
    public DelegateExpressionLanguage Register(string key, ExpressionDelegate evaluate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(evaluate);
        _registered[key] = evaluate;
        return this;
    }

    /// <inheritdoc/>
    public ICompiledExpression Compile(FormExpression expression, ExpressionCompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var evaluate = expression.Delegate;
        if (evaluate is null && !_registered.TryGetValue(expression.Expression, out evaluate))
        {
            throw new ExpressionCompilationException(
                $"No delegate is bound to the key '{expression.Expression}'. Build the form in C# with the delegate, or register it with DelegateExpressionLanguage.Register before loading the form.");
        }

        return new CompiledDelegate(evaluate);
    }

    private sealed class CompiledDelegate(ExpressionDelegate evaluate) : ICompiledExpression
    {
        public ExpressionResult Evaluate(ExpressionEvaluationContext context) => evaluate(context) ?? ExpressionResult.Empty;
    }
}
