namespace Remedora.CarePaths;

/// <summary>A state of a care path.</summary>
/// <param name="Name">The state's name.</param>
/// <param name="Parent">The state it is a substate of, if any.</param>
/// <param name="InitialChild">The substate that entering it continues into, if any.</param>
/// <param name="IsFinal">Whether entering it closes the case.</param>
/// <param name="Sla">Its deadline, if any.</param>
/// <param name="ConsentKind">The consent needed to enter it, if any.</param>
public sealed record CarePathState(string Name, string? Parent, string? InitialChild, bool IsFinal, StateSla? Sla, string? ConsentKind)
{
    /// <summary>Gets what a case in the state waits on.</summary>
    /// <value><see cref="StateWaitKind.None"/> for final states and parents that continue into a substate.</value>
    public StateWaitKind WaitsOn { get; init; }

    /// <summary>Gets what is awaited, in words: the work's title, or what the patient or the system is to do.</summary>
    public string? WaitDescription { get; init; }

    /// <summary>Gets the work the state waits on, when <see cref="WaitsOn"/> is <see cref="StateWaitKind.Work"/>.</summary>
    public StateWork? Work { get; init; }
}
