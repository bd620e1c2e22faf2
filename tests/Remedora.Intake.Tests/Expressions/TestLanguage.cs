using System.Globalization;
using Remedora.Intake.Expressions;

namespace Remedora.Intake.Tests.Expressions;

/// <summary>
/// A tiny expression language for tests: <c>answer:linkId</c>, <c>var:name</c>, <c>decimal:1.5</c>, <c>true</c>,
/// <c>false</c>, <c>context</c> (the context item's answers), <c>response-items</c> (the count of top-level response
/// items), <c>score:name</c>, <c>ordinal:linkId</c>, <c>throw</c> (fails when evaluated); <c>bad</c> fails to compile.
/// </summary>
internal sealed class TestLanguage : IExpressionLanguage
{
    public const string MediaType = "text/x-remedora-test";

    private int _compilations;

    public string Language => MediaType;

    public int Compilations => _compilations;

    public List<(ExpressionRole Role, string? LinkId, IReadOnlyList<string> Scope)> Seen { get; } = [];

    public ICompiledExpression Compile(FormExpression expression, ExpressionCompilationContext context)
    {
        Interlocked.Increment(ref _compilations);
        lock (Seen)
        {
            Seen.Add((context.Role, context.Item?.LinkId, context.VariablesInScope));
        }

        var text = expression.Expression;
        if (text == "bad")
        {
            throw new ExpressionCompilationException("Unexpected token 'bad' at position 0.");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? text : text[..colon];
        var arg = colon < 0 ? string.Empty : text[(colon + 1)..];
        Func<ExpressionEvaluationContext, ExpressionResult> evaluate = head switch
        {
            "answer" => ctx => ExpressionResult.Of(ctx.Answers(arg)),
            "var" => ctx => ctx.TryGetVariable(arg, out var v) ? v : throw new InvalidOperationException($"No variable {arg}."),
            "decimal" => _ => ExpressionResult.Of(decimal.Parse(arg, CultureInfo.InvariantCulture)),
            "true" => _ => ExpressionResult.True,
            "false" => _ => ExpressionResult.False,
            "context" => ctx => ExpressionResult.Of(ctx.Item?.Answers ?? []),
            "response-items" => ctx => ExpressionResult.Of(ctx.Response.Items.Count(i => i.LinkId == arg)),
            "score" => ctx => ExpressionResult.Of(ctx.Score(arg)),
            "ordinal" => ctx => ExpressionResult.Of(ctx.Ordinal(arg)),
            "opaque" => _ => ExpressionResult.Of([new object()]),
            "throw" => _ => throw new InvalidOperationException("boom"),
            _ => throw new ExpressionCompilationException($"Unknown function '{head}'."),
        };
        return new Compiled(evaluate);
    }

    private sealed class Compiled(Func<ExpressionEvaluationContext, ExpressionResult> evaluate) : ICompiledExpression
    {
        public ExpressionResult Evaluate(ExpressionEvaluationContext context) => evaluate(context);
    }

    public static FormExpression Expr(string text, string? name = null) => new() { Language = MediaType, Expression = text, Name = name };
}
