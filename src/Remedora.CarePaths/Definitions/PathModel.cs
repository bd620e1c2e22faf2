namespace Remedora.CarePaths;

/// <summary>The mutable description a <see cref="CarePathBuilder"/> edits; copied, never shared, into each definition.</summary>
internal sealed class GuardModel(string description, bool isCondition, Func<TransitionContext, GuardResult> evaluate)
{
    public string Description { get; } = description;

    /// <summary>Gets a value indicating whether this is a branch condition: it selects a transition and gives no reason when false.</summary>
    public bool IsCondition { get; } = isCondition;

    public Func<TransitionContext, GuardResult> Evaluate { get; } = evaluate;
}

internal sealed class TransitionModel(PathTrigger trigger, string destination)
{
    public PathTrigger Trigger { get; } = trigger;

    public string Destination { get; } = destination;

    public List<GuardModel> Guards { get; } = [];

    public TransitionModel Clone()
    {
        var copy = new TransitionModel(Trigger, Destination);
        copy.Guards.AddRange(Guards);
        return copy;
    }
}

internal sealed class EffectModel(string description, Func<TransitionContext, IEnumerable<PathEffect>> produce)
{
    public string Description { get; } = description;

    public Func<TransitionContext, IEnumerable<PathEffect>> Produce { get; } = produce;
}

internal sealed class StateModel(string name)
{
    public string Name { get; } = name;

    public string? Parent { get; set; }

    public string? InitialChild { get; set; }

    public bool IsFinal { get; set; }

    public StateSla? Sla { get; set; }

    public string? ConsentKind { get; set; }

    public StateWaitKind Wait { get; set; }

    public string? WaitDescription { get; set; }

    public StateWork? Work { get; set; }

    public List<EffectModel> Entry { get; } = [];

    public List<EffectModel> Exit { get; } = [];

    public List<TransitionModel> Transitions { get; } = [];

    public StateModel Clone()
    {
        var copy = new StateModel(Name) { Parent = Parent, InitialChild = InitialChild, IsFinal = IsFinal, Sla = Sla, ConsentKind = ConsentKind, Wait = Wait, WaitDescription = WaitDescription, Work = Work };
        copy.Entry.AddRange(Entry);
        copy.Exit.AddRange(Exit);
        copy.Transitions.AddRange(Transitions.Select(t => t.Clone()));
        return copy;
    }
}
