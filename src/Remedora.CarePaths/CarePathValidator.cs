namespace Remedora.CarePaths;

/// <summary>Checks a path before it is built: every problem is reported, not just the first.</summary>
internal static class CarePathValidator
{
    public static List<ValidationProblem> Validate(string pathName, string? initial, IReadOnlyList<StateModel> states, IReadOnlyList<PathTrigger> triggers)
    {
        var problems = new List<ValidationProblem>();
        var byName = new Dictionary<string, StateModel>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            byName[state.Name] = state;
        }

        if (states.Count == 0)
        {
            problems.Add(new ValidationProblem("states", "no-states", "The path has no states. Add states with State(name)."));
            return problems;
        }

        if (initial is null || !byName.ContainsKey(initial))
        {
            problems.Add(new ValidationProblem("initialState", "undefined-state", $"The initial state '{initial}' is not a state of the path. Declare it with State(\"{initial}\") or choose another initial state."));
        }

        foreach (var group in triggers.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new ValidationProblem($"triggers.{group.Key}", "conflicting-trigger", $"Two triggers are named '{group.Key}' with different argument types. Give each trigger one name and one argument type."));
        }

        foreach (var state in states)
        {
            var path = $"states.{state.Name}";
            if (state.Parent is { } parent)
            {
                if (!byName.ContainsKey(parent))
                {
                    problems.Add(new ValidationProblem(path, "undefined-parent", $"State '{state.Name}' is a substate of '{parent}', which is not a state of the path."));
                }
                else if (Ancestors(state, byName).Contains(state.Name))
                {
                    problems.Add(new ValidationProblem(path, "cyclic-parent", $"State '{state.Name}' is, through its parents, a substate of itself."));
                }
            }

            if (state.InitialChild is { } child && (!byName.TryGetValue(child, out var childState) || childState.Parent != state.Name))
            {
                problems.Add(new ValidationProblem(path, "invalid-initial-transition", $"State '{state.Name}' continues into '{child}', which is not one of its substates. Declare State(\"{child}\").SubstateOf(\"{state.Name}\")."));
            }

            foreach (var transition in state.Transitions)
            {
                if (!byName.ContainsKey(transition.Destination))
                {
                    problems.Add(new ValidationProblem($"{path}.{transition.Trigger.Name}", "undefined-destination", $"Trigger '{transition.Trigger.Name}' moves state '{state.Name}' to '{transition.Destination}', which is not a state of the path."));
                }
            }

            foreach (var group in state.Transitions.GroupBy(t => t.Trigger.Name, StringComparer.Ordinal))
            {
                var list = group.ToList();
                if (list.Count > 1 && list.Any(t => t.Guards.Count == 0))
                {
                    problems.Add(new ValidationProblem($"{path}.{group.Key}", "ambiguous-transition", $"State '{state.Name}' has {list.Count} transitions for trigger '{group.Key}' and at least one has no guard or condition, so more than one could apply. Give each a condition with When(...)."));
                }
            }

            if (state.Sla is { } sla)
            {
                if (sla.TimeoutTrigger.ArgumentType is not null)
                {
                    problems.Add(new ValidationProblem($"{path}.sla", "timeout-trigger-has-argument", $"The timeout trigger '{sla.TimeoutTrigger.Name}' of state '{state.Name}' carries an argument; a timeout fires without one."));
                }

                if (!TransitionsOf(state, byName).Any(t => t.Trigger.Equals(sla.TimeoutTrigger)))
                {
                    problems.Add(new ValidationProblem($"{path}.sla", "trigger-without-target", $"The timeout trigger '{sla.TimeoutTrigger.Name}' of state '{state.Name}' is not permitted in that state, so the deadline would move nothing. Permit it in '{state.Name}'."));
                }
            }

            var isResting = state.InitialChild is null;
            var exits = TransitionsOf(state, byName).ToList();
            if (isResting && !state.IsFinal && exits.Count == 0)
            {
                problems.Add(new ValidationProblem(path, "dead-end", $"State '{state.Name}' has no way out and is not final, so cases would be stuck in it. Permit a trigger out of it, or mark it Final()."));
            }

            if (isResting && !state.IsFinal && state.Wait == StateWaitKind.None)
            {
                problems.Add(new ValidationProblem($"{path}.waits", "undeclared-wait", $"State '{state.Name}' is not final but does not declare what a case in it waits on, so it could wait with nobody told to act. Declare AwaitsWork(kind, title) for the role that must act, or AwaitsPatient(...) or AwaitsSystem(...)."));
            }

            if (state.Wait != StateWaitKind.None && (state.IsFinal || !isResting))
            {
                problems.Add(new ValidationProblem($"{path}.waits", "wait-on-non-resting-state", $"State '{state.Name}' declares what it waits on, but {(state.IsFinal ? "it is final" : "cases never rest in it (it continues into a substate)")}. Remove the declaration with AwaitsNothing()."));
            }

            if (state.Work is { } work)
            {
                foreach (var trigger in work.CancelledBy.Where(t => !TransitionsOf(state, byName).Any(x => x.Trigger.Equals(t))))
                {
                    problems.Add(new ValidationProblem($"{path}.waits", "trigger-without-target", $"The work of state '{state.Name}' is cancelled by trigger '{trigger.Name}', which is not permitted in that state."));
                }
            }

            if (state.IsFinal && state.Transitions.Count > 0)
            {
                problems.Add(new ValidationProblem(path, "final-with-exits", $"State '{state.Name}' is final but permits {string.Join(", ", state.Transitions.Select(t => $"'{t.Trigger.Name}'").Distinct())}. A final state closes the case; remove the transitions or do not mark it final."));
            }
        }

        foreach (var trigger in triggers)
        {
            if (!states.Any(s => s.Transitions.Any(t => t.Trigger.Equals(trigger))))
            {
                problems.Add(new ValidationProblem($"triggers.{trigger.Name}", "trigger-without-target", $"Trigger '{trigger.Name}' is declared but no state permits it, so firing it could never move a case. Permit it in a state, or do not declare it."));
            }
        }

        if (initial is not null && byName.ContainsKey(initial) && problems.All(p => p.Code is not ("undefined-parent" or "cyclic-parent")))
        {
            var reachable = Reachable(initial, byName);
            foreach (var state in states.Where(s => !reachable.Contains(s.Name)))
            {
                problems.Add(new ValidationProblem($"states.{state.Name}", "unreachable-state", $"State '{state.Name}' cannot be reached from the initial state '{initial}'. Permit a trigger into it, or remove it."));
            }
        }

        return problems;
    }

    /// <summary>Gets the transitions a case in <paramref name="state"/> can take: its own, then its ancestors'.</summary>
    internal static IEnumerable<TransitionModel> TransitionsOf(StateModel state, IReadOnlyDictionary<string, StateModel> byName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = state; current is not null && seen.Add(current.Name); current = current.Parent is { } p && byName.TryGetValue(p, out var parent) ? parent : null)
        {
            foreach (var transition in current.Transitions)
            {
                yield return transition;
            }
        }
    }

    private static HashSet<string> Ancestors(StateModel state, IReadOnlyDictionary<string, StateModel> byName)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var current = state.Parent;
        while (current is not null && byName.TryGetValue(current, out var parent) && result.Add(current))
        {
            current = parent.Parent;
        }

        return result;
    }

    private static HashSet<string> Reachable(string initial, IReadOnlyDictionary<string, StateModel> byName)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(initial);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!byName.TryGetValue(name, out var state) || !reached.Add(name))
            {
                continue;
            }

            // Being in a state means being in its ancestors; entering a parent continues into its initial child.
            if (state.Parent is { } parent)
            {
                pending.Push(parent);
            }

            if (state.InitialChild is { } child)
            {
                pending.Push(child);
            }

            foreach (var transition in state.Transitions)
            {
                pending.Push(transition.Destination);
            }
        }

        return reached;
    }
}
