namespace Remedora.CarePaths;

/// <summary>The mutable description a <see cref="CarePathBuilder"/> edits; copied, never shared, into each definition.</summary>
internal sealed class GuardModel(string description, bool isCondition, Func<TransitionContext, GuardResult> evaluate)
{
    public string Description { get; } = description;

    /// <summary>Gets a value indicating whether this is a branch condition: it selects a transition and gives no reason when false.</summary>
    public bool IsCondition { get; } = isCondition;

    public Func<TransitionContext, GuardResult> Evaluate { get; } = evaluate;
}
