namespace Remedora.CarePaths;

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
