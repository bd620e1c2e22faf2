using Stateless;
using Stateless.Graph;

namespace Remedora.CarePaths;

/// <summary>
/// A built, validated care path: the states a case can be in, the triggers that move it, the guards that must allow
/// it and the effects produced on the way. Built once (see <see cref="CarePathBuilder"/>) and shared by every case
/// on any number of threads.
/// </summary>
/// <remarks>
/// <para>The path runs on one Stateless state machine, configured once when the definition is built. The machine
/// reads and writes the state of the case being fired through an accessor and a mutator bound to that firing, so
/// one machine serves every case. It is used in immediate firing mode (so no queue is shared between firings),
/// every state is configured before the first firing (so firing only reads the configuration), and guards and
/// effects write only to the firing's own context: concurrent firings on different threads never share mutable
/// state.</para>
/// <para><see cref="Fire"/> needs no storage: it returns where the case would move, or why it may not, and the
/// effects to apply. <c>CarePathEngine</c> applies them in one unit of work.</para>
/// </remarks>
public sealed class CarePathDefinition
{
    [ThreadStatic]
    private static FireScope? t_scope;

    private readonly StateMachine<string, string> _machine;
    private readonly Dictionary<string, StateModel> _states;
    private readonly Dictionary<string, PathTrigger> _triggersByName;
    private readonly Dictionary<string, StateMachine<string, string>.TriggerWithParameters> _parameterized = new(StringComparer.Ordinal);
    private readonly Dictionary<(string State, string Trigger), string?> _consentByStateAndTrigger = [];
    private readonly Lazy<string> _mermaid;
    private readonly Lazy<string> _dot;

    internal CarePathDefinition(string name, string initialState, List<StateModel> states, List<PathTrigger> triggers)
    {
        Name = name;
        InitialState = initialState;
        Model = states;
        Triggers = triggers;
        _states = states.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _triggersByName = triggers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        States = states.Select(s => new CarePathState(s.Name, s.Parent, s.InitialChild, s.IsFinal, s.Sla, s.ConsentKind) { WaitsOn = s.Wait, WaitDescription = s.WaitDescription, Work = s.Work }).ToArray();
        Transitions = states
            .SelectMany(s => s.Transitions.Select(t => new CarePathTransition(s.Name, t.Trigger, t.Destination, t.Guards.Select(g => g.Description).ToArray())))
            .ToArray();
        _machine = Configure();
        _mermaid = new Lazy<string>(() => MermaidGraph.Format(_machine.GetInfo()).ReplaceLineEndings("\n").TrimEnd() + "\n", LazyThreadSafetyMode.ExecutionAndPublication);
        _dot = new Lazy<string>(() => UmlDotGraph.Format(_machine.GetInfo()).ReplaceLineEndings("\n").TrimEnd() + "\n", LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the path's name, stored in every case that follows it (<see cref="CareCase.PathName"/>).</summary>
    public string Name { get; }

    /// <summary>Gets the state new cases start in.</summary>
    public string InitialState { get; }

    /// <summary>Gets the states, in declaration order.</summary>
    public IReadOnlyList<CarePathState> States { get; }

    /// <summary>Gets the triggers the path uses.</summary>
    public IReadOnlyList<PathTrigger> Triggers { get; }

    /// <summary>Gets the transitions, by source state in declaration order.</summary>
    public IReadOnlyList<CarePathTransition> Transitions { get; }

    internal IReadOnlyList<StateModel> Model { get; }

    /// <summary>Determines whether the path defines a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasState(string state) => state is not null && _states.ContainsKey(state);

    /// <summary>Determines whether a state is final (entering it closes the case).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> when it is final.</returns>
    public bool IsFinal(string state) => state is not null && _states.TryGetValue(state, out var s) && s.IsFinal;

    /// <summary>Gets a state's deadline.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The deadline, or <see langword="null"/> when the state has none.</returns>
    public StateSla? GetSla(string state) => state is not null && _states.TryGetValue(state, out var s) ? s.Sla : null;

    /// <summary>Finds a trigger of the path by name.</summary>
    /// <param name="name">The trigger's name.</param>
    /// <returns>The trigger, or <see langword="null"/> when the path has none of that name.</returns>
    public PathTrigger? FindTrigger(string name) => name is not null && _triggersByName.TryGetValue(name, out var trigger) ? trigger : null;

    /// <summary>Gets the triggers permitted in a state (its own and its parents'), before guards are asked.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The triggers, without duplicates.</returns>
    /// <exception cref="CarePathNotFoundException">The path has no such state.</exception>
    public IReadOnlyList<PathTrigger> GetTriggers(string state)
        => CarePathValidator.TransitionsOf(RequireState(state), _states).Select(t => t.Trigger).Distinct().ToArray();

    /// <summary>
    /// Gets the consent kind that firing <paramref name="trigger"/> in <paramref name="state"/> may need, so the
    /// caller can check it (asynchronously) before firing and pass the result to <see cref="Fire"/>.
    /// </summary>
    /// <param name="state">The case's state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <returns>The consent kind, or <see langword="null"/> when no destination of the trigger needs consent.</returns>
    public string? GetRequiredConsent(string state, PathTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return _consentByStateAndTrigger.TryGetValue((state, trigger.Name), out var kind) ? kind : null;
    }

    /// <summary>Gets the path's diagram as a Mermaid state diagram, generated from the definition.</summary>
    /// <returns>The Mermaid text.</returns>
    public string ToMermaid() => _mermaid.Value;

    /// <summary>Gets the path's diagram in Graphviz DOT (UML style), generated from the definition.</summary>
    /// <returns>The DOT text.</returns>
    public string ToDot() => _dot.Value;

    /// <summary>
    /// Fires a trigger on a case without touching storage: checks the actor's role, the guards and the consent result,
    /// and returns where the case moves with the effects to apply, or the reasons it may not move.
    /// </summary>
    /// <param name="request">The case, its facts, the actor, the trigger and its argument.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CarePathNotFoundException">The case follows another path, or is in a state this path does not define.</exception>
    /// <exception cref="ArgumentException">The argument does not match the trigger's argument type.</exception>
    public TransitionResult Fire(TransitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var careCase = request.Case;
        if (!string.Equals(careCase.PathName, Name, StringComparison.Ordinal))
        {
            throw new CarePathNotFoundException(careCase.PathName);
        }

        var source = careCase.State;
        var state = RequireState(source);
        var trigger = request.Trigger;
        if (!_triggersByName.TryGetValue(trigger.Name, out var known) || !known.Equals(trigger))
        {
            return TransitionResult.NotPermitted(source, trigger, NotPermittedRefusal(trigger, source));
        }

        ValidateArgument(trigger, request.Argument);
        if (!trigger.IsAllowedFor(request.Actor.Role))
        {
            return TransitionResult.NotPermitted(source, trigger, new GuardRefusal(RefusalCodes.RoleNotPermitted, $"A {request.Actor.Role} may not fire '{trigger.Name}' on path '{Name}'. Allowed: {string.Join(", ", trigger.AllowedRoles)}."));
        }

        var context = new TransitionContext(this, careCase, request.Facts, request.Actor, request.Now, trigger, request.Argument, request.Consent);
        var scope = new FireScope(this, context, source);
        var previous = t_scope;
        t_scope = scope;
        try
        {
            if (trigger.ArgumentType is null)
            {
                _machine.Fire(trigger.Name);
            }
            else
            {
                _machine.Fire(_parameterized[trigger.Name], request.Argument!);
            }
        }
        finally
        {
            t_scope = previous;
        }

        if (scope.Unhandled)
        {
            return TransitionResult.NotPermitted(source, trigger, scope.Refusals is { Count: > 0 } refusals ? refusals : [NotPermittedRefusal(trigger, source)]);
        }

        var destination = scope.State;
        var effects = scope.Effects;
        context.Destination = destination;
        AddWorkEffects(state, _states[destination], context, effects);
        if (_states[destination].Sla is { } sla)
        {
            var priority = request.Facts.Priority;
            foreach (var effect in effects)
            {
                if (effect is SetPriority set)
                {
                    priority = set.Priority;
                }
            }

            effects.Add(new StartTimer(sla.TimeoutTrigger, request.Now + sla.For(priority)));
        }

        _ = state;
        return TransitionResult.Moved(source, destination, trigger, effects);
    }

    /// <summary>Gets the effects of entering the initial state when a case is opened (its entry effects and deadline).</summary>
    /// <param name="request">The new case (in the initial state), its facts and the actor; the trigger is ignored.</param>
    /// <returns>The effects.</returns>
    internal List<PathEffect> OpeningEffects(TransitionRequest request)
    {
        var context = new TransitionContext(this, request.Case, request.Facts, request.Actor, request.Now, request.Trigger, null, request.Consent);
        var effects = new List<PathEffect>();
        var chain = new List<StateModel>();
        for (var s = _states[InitialState]; s is not null; s = s.Parent is { } p ? _states[p] : null)
        {
            chain.Insert(0, s);
        }

        foreach (var s in chain)
        {
            foreach (var entry in s.Entry)
            {
                effects.AddRange(entry.Produce(context));
            }
        }

        if (_states[InitialState].Work is { } work && work.AppliesTo(context))
        {
            effects.Add(work.ToEffect(context));
        }

        if (_states[InitialState].Sla is { } sla)
        {
            effects.Add(new StartTimer(sla.TimeoutTrigger, request.Now + sla.For(request.Facts.Priority)));
        }

        return effects;
    }

    /// <summary>
    /// Adds the work effects of a move: the source's work item completes or is cancelled (first, so a re-entry's new
    /// item is not closed with it), the destination's is created (after the entry effects, so it sees their priority);
    /// a move between two states that wait on work of the same kind keeps the item.
    /// </summary>
    private static void AddWorkEffects(StateModel source, StateModel destination, TransitionContext context, List<PathEffect> effects)
    {
        var reentry = ReferenceEquals(source, destination);
        var leaving = source.Work;
        var entering = destination.Work is { } w && w.AppliesTo(context) ? w : null;
        if (!reentry && leaving is not null && entering is not null && leaving.Kind == entering.Kind)
        {
            return;
        }

        if (leaving is not null)
        {
            var cancelled = reentry || leaving.CancelledBy.Contains(context.Trigger);
            effects.Insert(0, new CloseWorkItems(leaving.Kind, cancelled ? WorkItemStatus.Cancelled : WorkItemStatus.Completed));
        }

        if (entering is not null)
        {
            effects.Add(entering.ToEffect(context));
        }
    }

    private static GuardRefusal NotPermittedRefusal(PathTrigger trigger, string state)
        => new(RefusalCodes.TriggerNotPermitted, $"Trigger '{trigger.Name}' is not permitted in state '{state}'.");

    private static void ValidateArgument(PathTrigger trigger, object? argument)
    {
        if (trigger.ArgumentType is null)
        {
            if (argument is not null)
            {
                throw new ArgumentException($"Trigger '{trigger.Name}' carries no argument, but a {argument.GetType().Name} was given.", nameof(argument));
            }
        }
        else if (argument is null || !trigger.ArgumentType.IsInstanceOfType(argument))
        {
            throw new ArgumentException($"Trigger '{trigger.Name}' needs a {trigger.ArgumentType.Name} argument, but {(argument is null ? "none" : $"a {argument.GetType().Name}")} was given.", nameof(argument));
        }
    }

    private StateModel RequireState(string state)
        => state is not null && _states.TryGetValue(state, out var model) ? model : throw new CarePathNotFoundException(Name, state ?? "(null)");

    private StateMachine<string, string> Configure()
    {
        // Immediate firing: the queued mode keeps a queue and a "firing" flag on the machine, which concurrent
        // firings for different cases would share.
        var machine = new StateMachine<string, string>(ReadState, WriteState, FiringMode.Immediate);
        foreach (var trigger in Triggers)
        {
            if (trigger.ArgumentType is { } argumentType)
            {
                _parameterized[trigger.Name] = machine.SetTriggerParameters(trigger.Name, argumentType);
            }
        }

        // Configure every state (even those without transitions) so that firing never adds to the configuration.
        foreach (var state in Model)
        {
            var configuration = machine.Configure(state.Name);
            if (state.Parent is { } parent)
            {
                configuration.SubstateOf(parent);
            }

            if (state.InitialChild is { } child)
            {
                configuration.InitialTransition(child);
            }

            foreach (var entry in state.Entry)
            {
                configuration.OnEntry(t => Collect(entry, t), entry.Description);
            }

            foreach (var exit in state.Exit)
            {
                configuration.OnExit(t => Collect(exit, t), exit.Description);
            }

            foreach (var transition in state.Transitions)
            {
                var guards = transition.Guards.Select(g => Tuple.Create<Func<bool>, string>(() => Evaluate(g), g.Description)).ToList();
                if (ConsentKindOnEntering(transition.Destination) is { } consentKind)
                {
                    guards.Add(Tuple.Create<Func<bool>, string>(() => EvaluateConsent(consentKind, transition.Destination), $"{consentKind} consent active"));
                }

                if (transition.Destination == state.Name)
                {
                    if (guards.Count == 0)
                    {
                        configuration.PermitReentry(transition.Trigger.Name);
                    }
                    else
                    {
                        configuration.PermitReentryIf(transition.Trigger.Name, [.. guards]);
                    }
                }
                else if (guards.Count == 0)
                {
                    configuration.Permit(transition.Trigger.Name, transition.Destination);
                }
                else
                {
                    configuration.PermitIf(transition.Trigger.Name, transition.Destination, [.. guards]);
                }
            }
        }

        machine.OnUnhandledTrigger((_, _, _) => Current().Unhandled = true);

        // In immediate mode Stateless compares the state it reads back with the destination while it enters a state;
        // during an initial transition into a substate the mutator has not been called yet, so keep the firing's
        // state current on every transition (Stateless announces initial transitions before entering them).
        machine.OnTransitioned(t => Current().State = t.Destination);

        foreach (var state in Model)
        {
            foreach (var trigger in CarePathValidator.TransitionsOf(state, _states).Select(t => t.Trigger).Distinct())
            {
                var kinds = CarePathValidator.TransitionsOf(state, _states)
                    .Where(t => t.Trigger.Equals(trigger))
                    .Select(t => ConsentKindOnEntering(t.Destination))
                    .FirstOrDefault(k => k is not null);
                if (kinds is not null)
                {
                    _consentByStateAndTrigger[(state.Name, trigger.Name)] = kinds;
                }
            }
        }

        return machine;
    }

    /// <summary>The consent needed to enter a state: its own, or that of the substate its initial transitions lead to.</summary>
    private string? ConsentKindOnEntering(string state)
    {
        for (var s = _states.GetValueOrDefault(state); s is not null; s = s.InitialChild is { } child ? _states.GetValueOrDefault(child) : null)
        {
            if (s.ConsentKind is { } kind)
            {
                return kind;
            }
        }

        return null;
    }

    private string ReadState() => t_scope is { } scope && ReferenceEquals(scope.Definition, this) ? scope.State : InitialState;

    private void WriteState(string state) => Current().State = state;

    private FireScope Current()
        => t_scope is { } scope && ReferenceEquals(scope.Definition, this)
            ? scope
            : throw new InvalidOperationException($"Care path '{Name}' was fired outside CarePathDefinition.Fire.");

    private static bool Evaluate(GuardModel guard)
    {
        var scope = t_scope!;
        var result = guard.Evaluate(scope.Context);
        if (!result.IsAllowed && !guard.IsCondition)
        {
            (scope.Refusals ??= []).Add(result.Refusal!);
        }

        return result.IsAllowed;
    }

    private static bool EvaluateConsent(string kind, string destination)
    {
        var scope = t_scope!;
        if (scope.Context.Consent is { IsActive: true })
        {
            return true;
        }

        var why = scope.Context.Consent?.Reason ?? "not checked";
        (scope.Refusals ??= []).Add(new GuardRefusal(RefusalCodes.ConsentRequired, $"Entering '{destination}' needs an active {kind} consent ({why}). Capture the patient's consent, then fire the trigger again."));
        return false;
    }

    private static void Collect(EffectModel effect, StateMachine<string, string>.Transition transition)
    {
        var scope = t_scope!;
        scope.Context.Destination = transition.Destination;
        var produced = effect.Produce(scope.Context);
        if (produced is PathEffect[] array)
        {
            scope.Effects.AddRange(array);
        }
        else if (produced is not null)
        {
            foreach (var item in produced)
            {
                scope.Effects.Add(item);
            }
        }
    }

    private sealed class FireScope(CarePathDefinition definition, TransitionContext context, string state)
    {
        public CarePathDefinition Definition { get; } = definition;

        public TransitionContext Context { get; } = context;

        public string State { get; set; } = state;

        public bool Unhandled { get; set; }

        public List<GuardRefusal>? Refusals { get; set; }

        public List<PathEffect> Effects { get; } = [];
    }
}
