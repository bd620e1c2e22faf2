namespace Remedora;

/// <summary>
/// A unit of clinician work in the review queue: review an intake, answer a message, handle an alert, sign a note,
/// fix a failed fulfillment.
/// </summary>
public sealed record WorkItem
{
    /// <summary>Gets the work item id.</summary>
    public required Id<WorkItem> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets what kind of work it is.</summary>
    public required WorkItemKind Kind { get; init; }

    /// <summary>Gets the patient the work is about.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case the work belongs to.</summary>
    public Id<CareCase>? CaseId { get; init; }

    /// <summary>Gets the priority; higher priorities are claimed first.</summary>
    /// <value>The default is <see cref="WorkItemPriority.Routine"/>.</value>
    public WorkItemPriority Priority { get; init; } = WorkItemPriority.Routine;

    /// <summary>Gets the status.</summary>
    /// <value>The default is <see cref="WorkItemStatus.Ready"/>.</value>
    public WorkItemStatus Status { get; init; } = WorkItemStatus.Ready;

    /// <summary>Gets when the item was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the work is due; among equal priorities the oldest due is claimed first.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets the jurisdiction the claiming clinician must be licensed in (the patient's).</summary>
    /// <value>The jurisdiction; <see langword="null"/> when no licence is required.</value>
    public Jurisdiction? RequiredJurisdiction { get; init; }

    /// <summary>Gets the specialty the claiming clinician must have.</summary>
    /// <value>The specialty code; <see langword="null"/> when any clinician may take it.</value>
    public string? RequiredSpecialty { get; init; }

    /// <summary>Gets the pool (for example a care team) the item is routed to.</summary>
    /// <value>The pool; <see langword="null"/> for the tenant's general queue.</value>
    public string? Pool { get; init; }

    /// <summary>Gets the practitioner the item is assigned to, if it was assigned rather than left to the queue.</summary>
    public Id<Practitioner>? AssignedTo { get; init; }

    /// <summary>Gets the practitioner who holds the item.</summary>
    public Id<Practitioner>? ClaimedBy { get; init; }

    /// <summary>Gets when the holder's lease expires; after it the item returns to the queue.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Gets when the item was completed.</summary>
    /// <value>The instant it reached <see cref="WorkItemStatus.Completed"/>; <see langword="null"/> while unfinished, when cancelled, and for items stored before this was recorded.</value>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the practitioner who completed the item.</summary>
    /// <value>The practitioner whose action completed it; <see langword="null"/> when it is not completed or the application completed it.</value>
    public Id<Practitioner>? CompletedBy { get; init; }

    /// <summary>Gets a short description for the queue, without patient details, for example <c>Review acne intake</c>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }
}
