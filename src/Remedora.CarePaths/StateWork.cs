namespace Remedora.CarePaths;

/// <summary>
/// The work a state waits on: the work item the engine creates for the role that must act when a case enters the
/// state, and completes or cancels when the case leaves it, in the unit of work of the transition.
/// </summary>
/// <remarks>
/// A transition between two states that wait on work of the same kind keeps the work item (for example a review
/// item stays with the clinician from <c>awaiting-review</c> into <c>in-review</c>). A re-entry (for example an
/// overdue review) cancels the item and creates a new one.
/// </remarks>
public sealed record StateWork
{
    /// <summary>Gets the kind of work, for example <see cref="WorkItemKind.ReviewIntake"/>.</summary>
    public required WorkItemKind Kind { get; init; }

    /// <summary>Gets the short title shown in the queue, without patient details.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the priority; <see langword="null"/> for the case's priority when the state is entered.</summary>
    public WorkItemPriority? Priority { get; init; }

    /// <summary>Gets how long after entry the work is due; <see langword="null"/> for the state's SLA, or the engine's default.</summary>
    public TimeSpan? DueIn { get; init; }

    /// <summary>Gets the specialty the claiming clinician must have, if any.</summary>
    public string? RequiredSpecialty { get; init; }

    /// <summary>Gets the pool the item is routed to; <see langword="null"/> for the case's care team, if any.</summary>
    public string? Pool { get; init; }

    /// <summary>Gets a value indicating whether the claiming clinician must be licensed in the patient's jurisdiction.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequiresLicence { get; init; } = true;

    /// <summary>Gets the triggers whose move out of the state cancels the work item; every other move out completes it.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<PathTrigger> CancelledBy { get; init; } = [];

    /// <summary>Gets the description of the condition under which entering the state creates work, or <see langword="null"/> when it always does.</summary>
    public string? Condition { get; init; }

    /// <summary>Gets what the state waits on when <see cref="Condition"/> does not hold (<see cref="StateWaitKind.Patient"/> or <see cref="StateWaitKind.System"/>).</summary>
    /// <value>The default is <see cref="StateWaitKind.Work"/> (no condition).</value>
    public StateWaitKind Otherwise { get; init; } = StateWaitKind.Work;

    /// <summary>Gets a value indicating whether the item is assigned to a practitioner chosen from the transition (see <see cref="StateWorkBuilder.AssignTo"/>).</summary>
    public bool IsAssigned => Assignee is not null;

    internal Func<TransitionContext, bool>? When { get; init; }

    internal Func<TransitionContext, Id<Practitioner>?>? Assignee { get; init; }

    /// <summary>Determines whether entering the state in this transition creates work.</summary>
    internal bool AppliesTo(TransitionContext context) => When is null || When(context);

    /// <summary>Builds the effect that creates the work item.</summary>
    internal CreateWorkItem ToEffect(TransitionContext context) => new(Kind, Title)
    {
        Priority = Priority,
        DueIn = DueIn,
        RequiredSpecialty = RequiredSpecialty,
        Pool = Pool,
        RequiresLicence = RequiresLicence,
        AssignTo = Assignee?.Invoke(context),
    };
}
