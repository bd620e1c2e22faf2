namespace Remedora.CarePaths;

/// <summary>Configures one state of a care path.</summary>
public sealed class StateBuilder
{
    private readonly CarePathBuilder _path;
    private readonly StateModel _state;

    internal StateBuilder(CarePathBuilder path, StateModel state)
    {
        _path = path;
        _state = state;
    }

    /// <summary>Gets the state's name.</summary>
    public string Name => _state.Name;

    /// <summary>Gets the path's builder, to go on with another state.</summary>
    public CarePathBuilder Path => _path;

    /// <summary>Permits a trigger without an argument, moving the case to <paramref name="destination"/> (the same state for a re-entry).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="destination">The destination state.</param>
    /// <param name="configure">Adds guards and conditions to the transition.</param>
    /// <returns>This builder.</returns>
    public StateBuilder Permit(PathTrigger trigger, string destination, Action<TransitionBuilder>? configure = null)
    {
        var transition = AddTransition(trigger, destination);
        configure?.Invoke(new TransitionBuilder(transition));
        return this;
    }

    /// <summary>Permits a trigger that carries an argument, moving the case to <paramref name="destination"/> (the same state for a re-entry).</summary>
    /// <typeparam name="TArgument">The argument type.</typeparam>
    /// <param name="trigger">The trigger.</param>
    /// <param name="destination">The destination state.</param>
    /// <param name="configure">Adds guards and conditions, which see the typed argument.</param>
    /// <returns>This builder.</returns>
    public StateBuilder Permit<TArgument>(PathTrigger<TArgument> trigger, string destination, Action<TransitionBuilder<TArgument>>? configure)
        where TArgument : notnull
    {
        var transition = AddTransition(trigger, destination);
        configure?.Invoke(new TransitionBuilder<TArgument>(transition));
        return this;
    }

    /// <summary>Adds a guard to every transition of <paramref name="trigger"/> out of this state (for example to tighten a built-in path).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="description">What the guard requires, shown in diagrams, for example <c>second opinion recorded</c>.</param>
    /// <param name="guard">Decides, and gives the reason when it refuses.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The state has no transition for the trigger.</exception>
    public StateBuilder Guard(PathTrigger trigger, string description, Func<TransitionContext, GuardResult> guard)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(guard);
        var transitions = _state.Transitions.Where(t => t.Trigger.Equals(trigger)).ToList();
        if (transitions.Count == 0)
        {
            throw new InvalidOperationException($"State '{_state.Name}' of path '{_path.Name}' has no transition for trigger '{trigger.Name}' to guard. Permit the trigger first.");
        }

        foreach (var transition in transitions)
        {
            transition.Guards.Add(new GuardModel(description, false, guard));
        }

        return this;
    }

    /// <summary>Removes every transition of <paramref name="trigger"/> out of this state (for extensions).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>This builder.</returns>
    public StateBuilder Remove(PathTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _state.Transitions.RemoveAll(t => t.Trigger.Equals(trigger));
        return this;
    }

    /// <summary>Adds an effect produced when the case enters this state.</summary>
    /// <param name="description">What it does, shown in diagrams, for example <c>create review work item</c>.</param>
    /// <param name="effects">Returns the effects; it must not change anything itself.</param>
    /// <returns>This builder.</returns>
    public StateBuilder OnEntry(string description, Func<TransitionContext, IEnumerable<PathEffect>> effects)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(effects);
        _state.Entry.Add(new EffectModel(description, effects));
        return this;
    }

    /// <summary>Adds an effect produced when the case leaves this state.</summary>
    /// <param name="description">What it does, shown in diagrams.</param>
    /// <param name="effects">Returns the effects; it must not change anything itself.</param>
    /// <returns>This builder.</returns>
    public StateBuilder OnExit(string description, Func<TransitionContext, IEnumerable<PathEffect>> effects)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(effects);
        _state.Exit.Add(new EffectModel(description, effects));
        return this;
    }

    /// <summary>Sets the state's deadline: when a case stays longer, <paramref name="timeoutTrigger"/> fires (once per deadline).</summary>
    /// <param name="routine">The deadline for routine cases.</param>
    /// <param name="urgent">The tighter deadline for urgent cases; <see langword="null"/> for the routine one.</param>
    /// <param name="timeoutTrigger">The trigger to fire; it must carry no argument and be permitted in this state.</param>
    /// <returns>This builder.</returns>
    public StateBuilder Sla(TimeSpan routine, TimeSpan? urgent, PathTrigger timeoutTrigger)
    {
        ArgumentNullException.ThrowIfNull(timeoutTrigger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(routine, TimeSpan.Zero);
        if (urgent is { } u)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(u, TimeSpan.Zero, nameof(urgent));
        }

        _state.Sla = new StateSla(routine, urgent, timeoutTrigger);
        return this;
    }

    /// <summary>Removes the state's deadline.</summary>
    /// <returns>This builder.</returns>
    public StateBuilder NoSla()
    {
        _state.Sla = null;
        return this;
    }

    /// <summary>Requires an active consent of a kind to enter the state; without it the transition is refused (<see cref="RefusalCodes.ConsentRequired"/>).</summary>
    /// <param name="consentKind">The consent kind, for example <see cref="Clinical.ConsentKinds.Telehealth"/>.</param>
    /// <returns>This builder.</returns>
    public StateBuilder RequireConsent(string consentKind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consentKind);
        _state.ConsentKind = consentKind;
        return this;
    }

    /// <summary>
    /// Declares that a case in this state waits on a person of a role: entering the state creates a work item of
    /// <paramref name="kind"/> in the review queue, in the unit of work of the transition; leaving it completes the item
    /// (or cancels it, see <see cref="StateWorkBuilder.CancelledBy"/>).
    /// </summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="title">A short title for the queue, without patient details.</param>
    /// <param name="configure">Sets the priority, due time, routing, licence and cancelling triggers.</param>
    /// <returns>This builder.</returns>
    public StateBuilder AwaitsWork(WorkItemKind kind, string title, Action<StateWorkBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var work = new StateWorkBuilder(new StateWork { Kind = kind, Title = title });
        configure?.Invoke(work);
        _state.Wait = StateWaitKind.Work;
        _state.WaitDescription = title;
        _state.Work = work.Work;
        return this;
    }

    /// <summary>Declares that a case in this state waits on the patient (no work item is created).</summary>
    /// <param name="description">What the patient is to do, for example <c>answer the clinician's question</c>.</param>
    /// <returns>This builder.</returns>
    public StateBuilder AwaitsPatient(string description) => Awaits(StateWaitKind.Patient, description);

    /// <summary>Declares that a case in this state waits on the system or an outside party that reports back (no work item is created).</summary>
    /// <param name="description">What is awaited, for example <c>the eRx gateway confirms the prescription</c>.</param>
    /// <returns>This builder.</returns>
    public StateBuilder AwaitsSystem(string description) => Awaits(StateWaitKind.System, description);

    /// <summary>Removes the state's wait declaration (for extensions that make a state final or a parent that continues into a substate).</summary>
    /// <returns>This builder.</returns>
    public StateBuilder AwaitsNothing()
    {
        _state.Wait = StateWaitKind.None;
        _state.WaitDescription = null;
        _state.Work = null;
        return this;
    }

    /// <summary>Marks the state final: entering it closes the case, and it has no way out.</summary>
    /// <returns>This builder.</returns>
    public StateBuilder Final()
    {
        _state.IsFinal = true;
        return this;
    }

    /// <summary>Makes the state a substate of <paramref name="parent"/>: it inherits the parent's transitions, and entering or leaving the parent runs the parent's effects.</summary>
    /// <param name="parent">The parent state.</param>
    /// <returns>This builder.</returns>
    public StateBuilder SubstateOf(string parent)
    {
        PathTrigger.ValidateName(parent, nameof(parent));
        _state.Parent = parent;
        return this;
    }

    /// <summary>Makes entering this (parent) state continue at once into <paramref name="child"/>; cases never rest in the parent itself.</summary>
    /// <param name="child">A substate of this state.</param>
    /// <returns>This builder.</returns>
    public StateBuilder InitialTransition(string child)
    {
        PathTrigger.ValidateName(child, nameof(child));
        _state.InitialChild = child;
        return this;
    }

    private StateBuilder Awaits(StateWaitKind kind, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        _state.Wait = kind;
        _state.WaitDescription = description;
        _state.Work = null;
        return this;
    }

    private TransitionModel AddTransition(PathTrigger trigger, string destination)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        PathTrigger.ValidateName(destination, nameof(destination));
        var transition = new TransitionModel(trigger, destination);
        _state.Transitions.Add(transition);
        return transition;
    }
}
