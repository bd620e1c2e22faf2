namespace Remedora.CarePaths;

/// <summary>The result of firing a trigger on a case without storage.</summary>
public sealed class TransitionResult
{
    private TransitionResult(bool moved, string source, string destination, PathTrigger trigger, IReadOnlyList<GuardRefusal> refusals, IReadOnlyList<PathEffect> effects)
    {
        IsMoved = moved;
        Source = source;
        Destination = destination;
        Trigger = trigger;
        Refusals = refusals;
        Effects = effects;
    }

    /// <summary>Gets a value indicating whether the case moves (a re-entry counts as a move).</summary>
    public bool IsMoved { get; }

    /// <summary>Gets the state the case was in.</summary>
    public string Source { get; }

    /// <summary>Gets the state the case moves to (the source when it does not move).</summary>
    public string Destination { get; }

    /// <summary>Gets the trigger.</summary>
    public PathTrigger Trigger { get; }

    /// <summary>Gets why the case may not move (empty when it moves).</summary>
    public IReadOnlyList<GuardRefusal> Refusals { get; }

    /// <summary>Gets the effects to apply, in order: exit effects, entry effects, then the destination's deadline timer.</summary>
    public IReadOnlyList<PathEffect> Effects { get; }

    internal static TransitionResult Moved(string source, string destination, PathTrigger trigger, IReadOnlyList<PathEffect> effects)
        => new(true, source, destination, trigger, [], effects);

    internal static TransitionResult NotPermitted(string source, PathTrigger trigger, params IReadOnlyList<GuardRefusal> refusals)
        => new(false, source, source, trigger, refusals, []);
}
