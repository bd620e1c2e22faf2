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
