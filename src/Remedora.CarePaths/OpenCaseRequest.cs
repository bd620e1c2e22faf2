namespace Remedora.CarePaths;

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
