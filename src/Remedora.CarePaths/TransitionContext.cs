using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>
/// What guards and effects see while a trigger is fired on one case: the case, its facts, the actor, the time, the
/// trigger and its argument, and the states involved. One instance serves one firing; it is never shared.
/// </summary>
public sealed class TransitionContext
{
    internal TransitionContext(CarePathDefinition definition, CareCase careCase, CaseFacts facts, ActorContext actor, DateTimeOffset now, PathTrigger trigger, object? argument, ConsentCheckResult? consent)
    {
        Definition = definition;
        Case = careCase;
        Facts = facts;
        Actor = actor;
        Now = now;
        Trigger = trigger;
        Argument = argument;
        Consent = consent;
        Source = careCase.State;
        Destination = careCase.State;
    }

    /// <summary>Gets the path.</summary>
    public CarePathDefinition Definition { get; }

    /// <summary>Gets the case as it was before the trigger.</summary>
    public CareCase Case { get; }

    /// <summary>Gets the case's facts as they were before the trigger.</summary>
    public CaseFacts Facts { get; }

    /// <summary>Gets who fired the trigger.</summary>
    public ActorContext Actor { get; }

    /// <summary>Gets the time of the firing (from the engine's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Gets the trigger.</summary>
    public PathTrigger Trigger { get; }

    /// <summary>Gets the trigger's argument.</summary>
    /// <value>The argument; <see langword="null"/> for a trigger without one.</value>
    public object? Argument { get; }

    /// <summary>Gets the result of the consent check made before firing, when the destination needs consent.</summary>
    public ConsentCheckResult? Consent { get; }

    /// <summary>Gets the state the case is leaving.</summary>
    public string Source { get; }

    /// <summary>Gets the state being entered (during entry and exit effects), or the source (during guards).</summary>
    public string Destination { get; internal set; }

    /// <summary>Gets the argument as a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The argument type.</typeparam>
    /// <returns>The argument.</returns>
    /// <exception cref="InvalidOperationException">The trigger carries no argument of that type.</exception>
    public T GetArgument<T>()
        => Argument is T value
            ? value
            : throw new InvalidOperationException($"Trigger '{Trigger.Name}' carries {(Trigger.ArgumentType is null ? "no argument" : $"a {Trigger.ArgumentType.Name}")}, not a {typeof(T).Name}.");

    /// <summary>Tries to get the argument as a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The argument type.</typeparam>
    /// <param name="value">The argument, when it is a <typeparamref name="T"/>.</param>
    /// <returns><see langword="true"/> when the trigger carries such an argument.</returns>
    public bool TryGetArgument<T>(out T value)
    {
        if (Argument is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }
}
