namespace Remedora.CarePaths;

/// <summary>Configures the work a state waits on (see <see cref="StateBuilder.AwaitsWork"/>).</summary>
public sealed class StateWorkBuilder
{
    internal StateWorkBuilder(StateWork work) => Work = work;

    internal StateWork Work { get; private set; }

    /// <summary>Sets the item's priority instead of the case's.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder Priority(WorkItemPriority priority)
    {
        Work = Work with { Priority = priority };
        return this;
    }

    /// <summary>Sets how long after entry the work is due, instead of the state's SLA.</summary>
    /// <param name="dueIn">The duration; positive.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder DueIn(TimeSpan dueIn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueIn, TimeSpan.Zero);
        Work = Work with { DueIn = dueIn };
        return this;
    }

    /// <summary>Requires the claiming clinician to have a specialty.</summary>
    /// <param name="specialty">The specialty code.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder RequireSpecialty(string specialty)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialty);
        Work = Work with { RequiredSpecialty = specialty };
        return this;
    }

    /// <summary>Routes the item to a pool instead of the case's care team.</summary>
    /// <param name="pool">The pool.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder Pool(string pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        Work = Work with { Pool = pool };
        return this;
    }

    /// <summary>Lets any eligible practitioner claim the item without a licence in the patient's jurisdiction (for example booking or fulfillment work).</summary>
    /// <returns>This builder.</returns>
    public StateWorkBuilder WithoutLicence()
    {
        Work = Work with { RequiresLicence = false };
        return this;
    }

    /// <summary>Assigns the item to a practitioner chosen from the transition (for example the clinician who conducted the visit).</summary>
    /// <param name="assignee">Chooses the practitioner; <see langword="null"/> leaves the item to the queue.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder AssignTo(Func<TransitionContext, Id<Practitioner>?> assignee)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        Work = Work with { Assignee = assignee };
        return this;
    }

    /// <summary>Makes moves out of the state by these triggers cancel the work item instead of completing it.</summary>
    /// <param name="triggers">The triggers, for example <see cref="CareTriggers.Cancel"/>.</param>
    /// <returns>This builder.</returns>
    public StateWorkBuilder CancelledBy(params PathTrigger[] triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        Work = Work with { CancelledBy = [.. Work.CancelledBy, .. triggers.Select(t => t ?? throw new ArgumentNullException(nameof(triggers)))] };
        return this;
    }

    /// <summary>Creates the work only when <paramref name="condition"/> holds on entry; otherwise the state waits on <paramref name="otherwise"/>.</summary>
    /// <param name="description">The condition, for example <c>fulfillment failed</c>.</param>
    /// <param name="condition">Decides from the transition.</param>
    /// <param name="otherwise"><see cref="StateWaitKind.Patient"/> or <see cref="StateWaitKind.System"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="otherwise"/> is not the patient or the system.</exception>
    public StateWorkBuilder OnlyWhen(string description, Func<TransitionContext, bool> condition, StateWaitKind otherwise)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(condition);
        if (otherwise is not (StateWaitKind.Patient or StateWaitKind.System))
        {
            throw new ArgumentOutOfRangeException(nameof(otherwise), otherwise, "A state without its conditional work waits on the patient or the system.");
        }

        Work = Work with { Condition = description, When = condition, Otherwise = otherwise };
        return this;
    }
}
