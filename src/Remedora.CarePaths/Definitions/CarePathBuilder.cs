namespace Remedora.CarePaths;

/// <summary>
/// Defines a care path, or extends an existing one without copying it: states, triggers, transitions with guards,
/// entry and exit effects, SLAs and consent requirements. <see cref="Build"/> validates the path and returns an
/// immutable <see cref="CarePathDefinition"/> that serves every case, on any number of threads.
/// </summary>
/// <example>
/// <code>
/// var path = CarePathBuilder.Create("wound-check")
///     .State("submitted", s => s.AwaitsWork(WorkItemKind.ReviewIntake, "Review wound photo").Permit(Review, "reviewed"))
///     .State("reviewed", s => s.AwaitsPatient("read the advice").Permit(Close, "closed"))
///     .State("closed", s => s.Final())
///     .Build();
/// </code>
/// </example>
public sealed class CarePathBuilder
{
    private readonly List<StateModel> _states = [];
    private readonly List<PathTrigger> _triggers = [];
    private string? _initialState;

    private CarePathBuilder(string name)
    {
        PathTrigger.ValidateName(name, nameof(name));
        Name = name;
    }

    /// <summary>Gets the name of the path being built, for example <c>async-consult</c>.</summary>
    public string Name { get; }

    /// <summary>Starts a new path.</summary>
    /// <param name="name">The path's name: 1 to 63 characters a-z, 0-9 and '-', starting with a letter. Cases store it.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static CarePathBuilder Create(string name) => new(name);

    /// <summary>
    /// Starts a new path from an existing one: every state, trigger, transition, guard, effect and SLA of
    /// <paramref name="basePath"/> is taken over, and the builder adds to (or removes from) them. The base path is not changed.
    /// </summary>
    /// <param name="basePath">The path to extend, for example <see cref="BuiltInCarePaths.AsyncConsult"/>.</param>
    /// <param name="name">The new path's name; it must differ from the base path's, because cases store it.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or equal to the base path's.</exception>
    public static CarePathBuilder Extend(CarePathDefinition basePath, string name)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        if (string.Equals(basePath.Name, name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An extension needs its own name; '{name}' is the name of the path it extends.", nameof(name));
        }

        var builder = new CarePathBuilder(name) { _initialState = basePath.InitialState };
        builder._states.AddRange(basePath.Model.Select(s => s.Clone()));
        builder._triggers.AddRange(basePath.Triggers);
        return builder;
    }

    /// <summary>Sets the state new cases start in.</summary>
    /// <param name="state">The state.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Without it, the first state declared is the initial state.</remarks>
    public CarePathBuilder InitialState(string state)
    {
        PathTrigger.ValidateName(state, nameof(state));
        _initialState = state;
        return this;
    }

    /// <summary>Declares triggers of the path. Triggers used by transitions are declared implicitly; a declared trigger that no transition uses fails validation.</summary>
    /// <param name="triggers">The triggers.</param>
    /// <returns>This builder.</returns>
    public CarePathBuilder Triggers(params PathTrigger[] triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        foreach (var trigger in triggers)
        {
            ArgumentNullException.ThrowIfNull(trigger, nameof(triggers));
            if (!_triggers.Contains(trigger))
            {
                _triggers.Add(trigger);
            }
        }

        return this;
    }

    /// <summary>Gets (or adds) a state to configure.</summary>
    /// <param name="name">The state's name: 1 to 63 characters a-z, 0-9 and '-', starting with a letter.</param>
    /// <returns>The state's builder.</returns>
    public StateBuilder State(string name)
    {
        PathTrigger.ValidateName(name, nameof(name));
        var state = _states.Find(s => s.Name == name);
        if (state is null)
        {
            state = new StateModel(name);
            _states.Add(state);
        }

        return new StateBuilder(this, state);
    }

    /// <summary>Gets (or adds) a state and configures it.</summary>
    /// <param name="name">The state's name.</param>
    /// <param name="configure">Configures the state.</param>
    /// <returns>This builder.</returns>
    public CarePathBuilder State(string name, Action<StateBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(State(name));
        return this;
    }

    /// <summary>Removes a state and every transition into it (for extensions that replace part of a path).</summary>
    /// <param name="name">The state.</param>
    /// <returns>This builder.</returns>
    public CarePathBuilder RemoveState(string name)
    {
        _states.RemoveAll(s => s.Name == name);
        foreach (var state in _states)
        {
            state.Transitions.RemoveAll(t => t.Destination == name);
        }

        return this;
    }

    /// <summary>Validates the path and builds it.</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="CarePathDefinitionException">The path is invalid: the exception lists every problem found.</exception>
    public CarePathDefinition Build()
    {
        var states = _states.Select(s => s.Clone()).ToList();
        var triggers = new List<PathTrigger>(_triggers);
        foreach (var transition in states.SelectMany(s => s.Transitions))
        {
            if (!triggers.Contains(transition.Trigger))
            {
                triggers.Add(transition.Trigger);
            }
        }

        foreach (var state in states)
        {
            if (state.Sla is { } sla && !triggers.Contains(sla.TimeoutTrigger))
            {
                triggers.Add(sla.TimeoutTrigger);
            }
        }

        var initial = _initialState ?? states.FirstOrDefault()?.Name;
        var problems = CarePathValidator.Validate(Name, initial, states, triggers);
        if (problems.Count > 0)
        {
            throw new CarePathDefinitionException(Name, problems);
        }

        return new CarePathDefinition(Name, initial!, states, triggers);
    }
}

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

/// <summary>Adds guards and branch conditions to a transition of a trigger without an argument.</summary>
public sealed class TransitionBuilder
{
    private readonly TransitionModel _transition;

    internal TransitionBuilder(TransitionModel transition) => _transition = transition;

    /// <summary>Adds a guard: the transition happens only when it allows, and a refusal's reason is reported to the caller.</summary>
    /// <param name="description">What the guard requires, shown in diagrams, for example <c>no critical red flag</c>.</param>
    /// <param name="guard">Decides.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder Guard(string description, Func<TransitionContext, GuardResult> guard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(guard);
        _transition.Guards.Add(new GuardModel(description, false, guard));
        return this;
    }

    /// <summary>Adds a branch condition: it selects this transition among several for the same trigger and gives no reason when false.</summary>
    /// <param name="description">The condition, shown in diagrams, for example <c>needs live visit</c>.</param>
    /// <param name="condition">Whether this branch applies.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder When(string description, Func<TransitionContext, bool> condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(condition);
        _transition.Guards.Add(new GuardModel(description, true, c => condition(c) ? GuardResult.Allow : BranchNotTaken));
        return this;
    }

    internal static GuardResult BranchNotTaken { get; } = GuardResult.Refuse("branch-not-taken", "The branch condition does not hold.");
}

/// <summary>Adds guards and branch conditions, which see the typed argument, to a transition of a trigger with an argument.</summary>
/// <typeparam name="TArgument">The trigger's argument type.</typeparam>
public sealed class TransitionBuilder<TArgument>
    where TArgument : notnull
{
    private readonly TransitionModel _transition;

    internal TransitionBuilder(TransitionModel transition) => _transition = transition;

    /// <summary>Adds a guard: the transition happens only when it allows, and a refusal's reason is reported to the caller.</summary>
    /// <param name="description">What the guard requires, shown in diagrams.</param>
    /// <param name="guard">Decides, from the context and the argument.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder<TArgument> Guard(string description, Func<TransitionContext, TArgument, GuardResult> guard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(guard);
        _transition.Guards.Add(new GuardModel(description, false, c => guard(c, (TArgument)c.Argument!)));
        return this;
    }

    /// <summary>Adds a branch condition: it selects this transition among several for the same trigger and gives no reason when false.</summary>
    /// <param name="description">The condition, shown in diagrams.</param>
    /// <param name="condition">Whether this branch applies, from the context and the argument.</param>
    /// <returns>This builder.</returns>
    public TransitionBuilder<TArgument> When(string description, Func<TransitionContext, TArgument, bool> condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(condition);
        _transition.Guards.Add(new GuardModel(description, true, c => condition(c, (TArgument)c.Argument!) ? GuardResult.Allow : TransitionBuilder.BranchNotTaken));
        return this;
    }
}
