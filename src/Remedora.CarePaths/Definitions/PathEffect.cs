namespace Remedora.CarePaths;

/// <summary>
/// Something a transition asks for, returned by entry and exit effects and applied by the engine in the unit of work
/// of the transition (or returned as data when a path is fired without storage, so it can be tested and replayed).
/// </summary>
public abstract record PathEffect;

/// <summary>Publishes an outbox message, delivered after commit at least once.</summary>
/// <param name="MessageType">The message type, for example <c>care-paths.case-escalated</c>.</param>
/// <param name="Payload">The payload, serialized as JSON. Carry ids and codes, never patient details.</param>
public sealed record PublishMessage(string MessageType, object Payload) : PathEffect;

/// <summary>Creates a work item for the case in the review queue.</summary>
/// <param name="Kind">The kind of work, for example <see cref="WorkItemKind.ReviewIntake"/>.</param>
/// <param name="Title">A short description for the queue, without patient details.</param>
public sealed record CreateWorkItem(WorkItemKind Kind, string Title) : PathEffect
{
    /// <summary>Gets the priority; <see langword="null"/> for the case's priority.</summary>
    public WorkItemPriority? Priority { get; init; }

    /// <summary>Gets how long after now the work is due; <see langword="null"/> for the state's SLA, or the engine's default.</summary>
    public TimeSpan? DueIn { get; init; }

    /// <summary>Gets the specialty the claiming clinician must have.</summary>
    public string? RequiredSpecialty { get; init; }

    /// <summary>Gets the pool the item is routed to; <see langword="null"/> for the case's care team, if any.</summary>
    public string? Pool { get; init; }

    /// <summary>Gets the practitioner the item is assigned to; <see langword="null"/> to leave it to the queue.</summary>
    public Id<Practitioner>? AssignTo { get; init; }

    /// <summary>Gets a value indicating whether the claiming clinician must be licensed in the patient's jurisdiction.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequiresLicence { get; init; } = true;
}

/// <summary>Finishes the case's open work items (of one kind, or all).</summary>
/// <param name="Kind">The kind to finish; <see langword="null"/> for every kind.</param>
/// <param name="Status"><see cref="WorkItemStatus.Completed"/> or <see cref="WorkItemStatus.Cancelled"/>.</param>
public sealed record CloseWorkItems(WorkItemKind? Kind, WorkItemStatus Status) : PathEffect;

/// <summary>Starts a timer that fires <paramref name="Trigger"/> at <paramref name="Deadline"/> unless the case has left the state by then.</summary>
/// <param name="Trigger">The timeout trigger (without an argument).</param>
/// <param name="Deadline">When it fires.</param>
public sealed record StartTimer(PathTrigger Trigger, DateTimeOffset Deadline) : PathEffect;

/// <summary>Records an extra audit event about the case.</summary>
/// <param name="Action">What happened.</param>
/// <param name="Detail">A short PHI-free detail, for example <c>prescription-sent</c>.</param>
public sealed record RecordAudit(AuditAction Action, string Detail) : PathEffect;

/// <summary>Sets the case's priority.</summary>
/// <param name="Priority">The new priority.</param>
public sealed record SetPriority(WorkItemPriority Priority) : PathEffect;

/// <summary>Records an escalation in the case's facts.</summary>
/// <param name="Reason">Why the case was escalated.</param>
/// <param name="Code">A PHI-free code, for example the red-flag rule id.</param>
public sealed record RecordEscalation(EscalationReason Reason, string? Code) : PathEffect;

/// <summary>Sets (or, with a <see langword="null"/> value, removes) a custom value in the case's facts.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value: an identifier or code, never patient details.</param>
public sealed record SetValue(string Key, string? Value) : PathEffect;

/// <summary>Why a case was escalated to a live visit.</summary>
public enum EscalationReason
{
    /// <summary>A red flag in the patient's intake.</summary>
    RedFlag = 0,

    /// <summary>A prescription that needs a live visit, for example a controlled substance.</summary>
    PrescriptionNeedsLiveVisit = 1,

    /// <summary>The clinician decided a live visit is needed.</summary>
    ClinicianDecision = 2,

    /// <summary>The patient asked for a live visit.</summary>
    PatientRequest = 3,

    /// <summary>Nobody acted before the deadline.</summary>
    SlaTimeout = 4,
}
