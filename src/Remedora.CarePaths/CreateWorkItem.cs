namespace Remedora.CarePaths;

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
