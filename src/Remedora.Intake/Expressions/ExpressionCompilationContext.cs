using System.Collections.Concurrent;

namespace Remedora.Intake.Expressions;

/// <summary>Where an expression appears in a definition, given to <see cref="IExpressionLanguage.Compile"/>.</summary>
public sealed class ExpressionCompilationContext
{
    private readonly ConcurrentDictionary<string, object> _shared;

    internal ExpressionCompilationContext(FormDefinition definition, FormItem? item, ExpressionRole role, IReadOnlyList<string> variablesInScope, ConcurrentDictionary<string, object> shared)
    {
        Definition = definition;
        Item = item;
        Role = role;
        VariablesInScope = variablesInScope;
        _shared = shared;
    }

    /// <summary>Gets the definition being compiled.</summary>
    public FormDefinition Definition { get; }

    /// <summary>Gets the item the expression belongs to.</summary>
    /// <value>The item; <see langword="null"/> for form-level expressions (variables, scores, red-flag conditions).</value>
    public FormItem? Item { get; }

    /// <summary>Gets what the expression is used for.</summary>
    public ExpressionRole Role { get; }

    /// <summary>Gets the names of the variables the expression may refer to, in the order they are computed.</summary>
    public IReadOnlyList<string> VariablesInScope { get; }

    /// <summary>
    /// Gets or creates state shared by every expression of this definition version, for example a language's own
    /// representation of the definition, built once.
    /// </summary>
    /// <typeparam name="T">The type of state.</typeparam>
    /// <param name="key">The key; prefix it with the language, for example <c>fhirpath:questionnaire</c>.</param>
    /// <param name="factory">Creates the state from the definition.</param>
    /// <returns>The state.</returns>
    public T GetOrAddShared<T>(string key, Func<FormDefinition, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);
        return (T)_shared.GetOrAdd(key, static (_, s) => s.factory(s.definition), (factory, definition: Definition));
    }
}
