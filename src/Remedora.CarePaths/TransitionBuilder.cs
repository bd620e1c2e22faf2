namespace Remedora.CarePaths;

/// <summary>Adds guards and branch conditions to a transition of a trigger without an argument.</summary>
public sealed class TransitionBuilder
{
    private readonly TransitionModel _transition;

    internal TransitionBuilder(TransitionModel transition) => _transition = transition;

    /// <summary>Adds a guard: the transition happens only when it allows, and a refusal's reason is reported to the caller.</summary>
    /// <param name="description">What the guard requires, shown in diagrams, for example <c>no critical red flag</c>.</param>
    /// <param name="guard">Decides.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder Guard(string description, Func<TransitionContext, GuardResult> guard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(guard);
        _transition.Guards.Add(new GuardModel(description, false, guard));
        return this;
    }

    /// <summary>Adds a branch condition: it selects this transition among several for the same trigger and gives no reason when false.</summary>
    /// <param name="description">The condition, shown in diagrams, for example <c>needs live visit</c>.</param>
    /// <param name="condition">Whether this branch applies.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder When(string description, Func<TransitionContext, bool> condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(condition);
        _transition.Guards.Add(new GuardModel(description, true, c => condition(c) ? GuardResult.Allow : BranchNotTaken));
        return this;
    }

    internal static GuardResult BranchNotTaken { get; } = GuardResult.Refuse("branch-not-taken", "The branch condition does not hold.");
}
