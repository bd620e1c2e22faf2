namespace Remedora.CarePaths;

/// <summary>A state's deadline: how long a case may stay in the state before its timeout trigger fires.</summary>
/// <param name="Routine">The deadline for routine cases.</param>
/// <param name="Urgent">The tighter deadline for cases of priority <see cref="WorkItemPriority.Urgent"/> or higher; <see langword="null"/> for the routine one.</param>
/// <param name="TimeoutTrigger">The trigger fired when the deadline passes (escalate, reassign, notify…); it carries no argument.</param>
public sealed record StateSla(TimeSpan Routine, TimeSpan? Urgent, PathTrigger TimeoutTrigger)
{
    /// <summary>Gets the deadline that applies to a case of a priority.</summary>
    /// <param name="priority">The case's priority.</param>
    /// <returns>The duration from entering the state.</returns>
    public TimeSpan For(WorkItemPriority priority) => priority >= WorkItemPriority.Urgent && Urgent is { } urgent ? urgent : Routine;
}
