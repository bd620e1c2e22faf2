namespace Remedora.CarePaths;

/// <summary>Adds guards and branch conditions, which see the typed argument, to a transition of a trigger with an argument.</summary>
/// <typeparam name="TArgument">The trigger's argument type.</typeparam>
public sealed class TransitionBuilder<TArgument>
    where TArgument : notnull
{
    private readonly TransitionModel _transition;

    internal TransitionBuilder(TransitionModel transition) => _transition = transition;

    /// <summary>Adds a guard: the transition happens only when it allows, and a refusal's reason is reported to the caller.</summary>
    /// <param name="description">What the guard requires, shown in diagrams.</param>
    /// <param name="guard">Decides, from the context and the argument.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder<TArgument> Guard(string description, Func<TransitionContext, TArgument, GuardResult> guard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(guard);
        _transition.Guards.Add(new GuardModel(description, false, c => guard(c, (TArgument)c.Argument!)));
        return this;
    }

    /// <summary>Adds a branch condition: it selects this transition among several for the same trigger and gives no reason when false.</summary>
    /// <param name="description">The condition, shown in diagrams.</param>
    /// <param name="condition">Whether this branch applies, from the context and the argument.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder<TArgument> When(string description, Func<TransitionContext, TArgument, bool> condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(condition);
        _transition.Guards.Add(new GuardModel(description, true, c => condition(c, (TArgument)c.Argument!) ? GuardResult.Allow : TransitionBuilder.BranchNotTaken));
        return this;
    }
}
