namespace Remedora.Access;

/// <summary>
/// Answers the relationship questions the access policy asks: is a practitioner an active member of the tenant, is
/// a practitioner on a patient's care team, does a practitioner hold a work item for a patient, and did they
/// complete one recently. Storage registers the implementation.
/// </summary>
public interface ICareRelationships
{
    /// <summary>Determines whether a practitioner is on a care team of a patient.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">A token to cancel the lookup.</param>
    /// <returns><see langword="true"/> when the practitioner is a member of one of the patient's care teams.</returns>
    ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default);

    /// <summary>Determines whether a practitioner holds (has claimed and not finished) a work item for a patient.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">A token to cancel the lookup.</param>
    /// <returns><see langword="true"/> when the practitioner holds such an item.</returns>
    ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Determines whether a practitioner is an active member of a tenant: a <see cref="Practitioner"/> record with
    /// that id exists in the tenant and is <see cref="Practitioner.Active"/>. The access policy asks it on every
    /// decision for a staff actor, so implementations may cache a positive answer for a short, bounded time.
    /// </summary>
    /// <param name="tenantId">The tenant the actor acts in.</param>
    /// <param name="practitionerId">The practitioner the actor acts as.</param>
    /// <param name="cancellationToken">A token to cancel the lookup.</param>
    /// <returns><see langword="true"/> when the tenant has an active record of that practitioner.</returns>
    ValueTask<bool> IsActiveTenantMemberAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default);

    /// <summary>Determines whether a practitioner completed a work item for a patient at or after an instant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner (<see cref="WorkItem.CompletedBy"/>).</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="completedSince">The earliest completion time that counts (<see cref="WorkItem.CompletedAt"/>).</param>
    /// <param name="cancellationToken">A token to cancel the lookup.</param>
    /// <returns><see langword="true"/> when such a completed item exists.</returns>
    ValueTask<bool> CompletedWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, DateTimeOffset completedSince, CancellationToken cancellationToken = default);
}
