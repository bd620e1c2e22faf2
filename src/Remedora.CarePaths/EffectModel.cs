namespace Remedora.CarePaths;

internal sealed class EffectModel(string description, Func<TransitionContext, IEnumerable<PathEffect>> produce)
{
    public string Description { get; } = description;

    public Func<TransitionContext, IEnumerable<PathEffect>> Produce { get; } = produce;
}
