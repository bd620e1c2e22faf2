namespace Remedora.CarePaths;

/// <summary>What firing a trigger on a stored case did.</summary>
public enum FireStatus
{
    /// <summary>The case moved (a re-entry counts); state, history, audit and outbox committed together.</summary>
    Moved = 0,

    /// <summary>The trigger is not permitted: see <see cref="FireOutcome.Refusals"/> for the reasons. Nothing moved.</summary>
    NotPermitted = 1,

    /// <summary>The case changed since it was read (another command moved it first). Nothing moved; reload and decide again.</summary>
    Conflict = 2,
}
