namespace Remedora.CarePaths;

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
