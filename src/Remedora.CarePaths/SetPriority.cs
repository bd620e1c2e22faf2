namespace Remedora.CarePaths;

/// <summary>Sets the case's priority.</summary>
/// <param name="Priority">The new priority.</param>
public sealed record SetPriority(WorkItemPriority Priority) : PathEffect;
