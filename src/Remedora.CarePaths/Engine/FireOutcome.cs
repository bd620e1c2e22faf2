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

/// <summary>The typed outcome of <see cref="CarePathEngine.FireAsync(ActorContext, Id{CareCase}, PathTrigger, FireOptions?, CancellationToken)"/>.</summary>
public sealed record FireOutcome
{
    /// <summary>Gets what happened.</summary>
    public required FireStatus Status { get; init; }

    /// <summary>Gets the case: as stored after the move, or as read when it did not move.</summary>
    public required CareCase Case { get; init; }

    /// <summary>Gets the trigger's name.</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the state the case was in.</summary>
    public required string FromState { get; init; }

    /// <summary>Gets the state the case is in now (the same as <see cref="FromState"/> unless it moved).</summary>
    public required string ToState { get; init; }

    /// <summary>Gets the reasons the trigger was not permitted (empty otherwise).</summary>
    public IReadOnlyList<GuardRefusal> Refusals { get; init; } = [];

    /// <summary>Gets the sequence number of the history entry the move wrote.</summary>
    public long? HistorySequence { get; init; }

    /// <summary>Gets a value indicating whether this outcome was recorded by an earlier command with the same idempotency key (nothing moved this time).</summary>
    public bool IsReplay { get; init; }

    /// <summary>Gets the case's stored version found on a conflict, when known.</summary>
    public long? ConflictingVersion { get; init; }

    /// <summary>Gets a value indicating whether the case moved.</summary>
    public bool IsMoved => Status == FireStatus.Moved;
}

/// <summary>Options of one command.</summary>
public sealed record FireOptions
{
    /// <summary>
    /// Gets the idempotency key: a retry by the same actor with the same key on the same case returns the first outcome
    /// and never moves the case twice. Keys are scoped to the case and the actor: another actor's use of a key is a fresh command.
    /// </summary>
    /// <value>1 to 100 characters; <see langword="null"/> for none.</value>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the version of the case the caller decided on; a different stored version is a <see cref="FireStatus.Conflict"/>.</summary>
    /// <value><see langword="null"/> (the default) to act on the version read by the command itself.</value>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Opens a case.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="PathName">The path, for example <see cref="BuiltInCarePaths.HybridName"/>.</param>
public sealed record OpenCaseRequest(Id<Patient> PatientId, string PathName)
{
    /// <summary>Gets the care team responsible; its work items are routed to the team's pool.</summary>
    /// <remarks>It must be a care team of the same patient in the actor's tenant; any other id is "not found".</remarks>
    public Id<CareTeam>? CareTeamId { get; init; }

    /// <summary>Gets the initial priority.</summary>
    /// <value>The default is <see cref="WorkItemPriority.Routine"/>.</value>
    public WorkItemPriority Priority { get; init; } = WorkItemPriority.Routine;

    /// <summary>Gets the refill details of a refill case.</summary>
    public RefillFacts? Refill { get; init; }

    /// <summary>
    /// Gets the idempotency key: the same actor opening a case for the same patient again with the same key gets the
    /// case opened first. Keys are scoped to the tenant, the actor and the patient, so another actor's or another
    /// patient's key is a fresh key. The SDK chooses the case id.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>A case with its facts and the triggers its state permits (before guards).</summary>
/// <param name="Case">The case.</param>
/// <param name="Facts">Its facts.</param>
/// <param name="Triggers">The triggers permitted in its state.</param>
public sealed record CaseView(CareCase Case, CaseFacts Facts, IReadOnlyList<PathTrigger> Triggers);

/// <summary>What recording an intake submission on a case did.</summary>
/// <param name="Recorded">Whether the submission was new for the case (a repeated delivery records nothing).</param>
/// <param name="Outcome">The outcome of the trigger the escalation policy chose (escalate, or triage), when one was fired.</param>
public sealed record IntakeRecorded(bool Recorded, FireOutcome? Outcome);
