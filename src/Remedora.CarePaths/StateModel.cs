namespace Remedora.CarePaths;

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
