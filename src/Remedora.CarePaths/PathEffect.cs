namespace Remedora.CarePaths;

/// <summary>
/// Something a transition asks for, returned by entry and exit effects and applied by the engine in the unit of work
/// of the transition (or returned as data when a path is fired without storage, so it can be tested and replayed).
/// </summary>
public abstract record PathEffect;
