using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Intake.Submissions;

/// <summary>
/// Checks the records an intake command names besides its own: the patient the command is for and the care case it is
/// linked to. A named record that is missing, in another tenant, of another patient or out of the actor's scope fails
/// exactly as a random id does (<see cref="RecordNotFoundException"/>); nothing is written and the attempt is audited.
/// </summary>
internal static class IntakeReferences
{
    /// <summary>
    /// Authorizes <paramref name="request"/> (its audit staged in <paramref name="session"/>) and checks that the patient it
    /// names exists in the actor's tenant. A missing patient is refused like an out-of-scope one: the same exception
    /// (<see cref="AccessGuard.DenyAsync"/> on the same request) and a denied attempt in the audit trail.
    /// </summary>
    /// <param name="session">The command's unit of work.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="request">The command's access request; it must name a patient.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the patient is known to be reachable.</returns>
    public static async Task AuthorizePatientAsync(IStorageSession session, AccessGuard guard, AccessRequest request, CancellationToken cancellationToken)
    {
        var patientId = request.PatientId ?? throw new ArgumentException("The request names no patient.", nameof(request));
        await guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        var patient = await session.FindAsync<Patient>(patientId.ToString(), cancellationToken).ConfigureAwait(false);
        if (patient is null || patient.TenantId != request.Actor.TenantId || patient.Id != patientId)
        {
            throw await guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks that a care case named by a command exists in the actor's tenant, belongs to <paramref name="patientId"/>
    /// and is readable by the actor; stages the audit of that read in <paramref name="session"/>.
    /// </summary>
    /// <param name="session">The command's unit of work.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="caseId">The case named.</param>
    /// <param name="patientId">The patient the command is for.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the case is known to be the patient's and in scope.</returns>
    /// <exception cref="RecordNotFoundException">The case is missing, another patient's, or out of scope (indistinguishable).</exception>
    public static async Task RequireCaseAsync(IStorageSession session, AccessGuard guard, ActorContext actor, Id<CareCase> caseId, Id<Patient> patientId, CancellationToken cancellationToken)
    {
        var careCase = await session.FindAsync<CareCase>(caseId.ToString(), cancellationToken).ConfigureAwait(false);
        if (careCase is null)
        {
            await guard.RecordFailureAsync(new AccessRequest(actor, AccessAction.Read, ResourceTypes.CareCase, actor.TenantId, null, caseId.ToString()), RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(ResourceTypes.CareCase, caseId.ToString());
        }

        var request = new AccessRequest(actor, AccessAction.Read, ResourceTypes.CareCase, actor.TenantId, careCase.PatientId, caseId.ToString());
        if (careCase.PatientId != patientId || careCase.TenantId != actor.TenantId || careCase.Id != caseId)
        {
            // Audited against the case's own patient, so that patient's access log shows the attempt.
            throw await guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }

        await guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a command that names a record the tenant does not have: records the failure and returns the "not found" to throw.</summary>
    /// <param name="guard">The access guard.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="resourceType">The kind of record named.</param>
    /// <param name="resourceId">Its id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<RecordNotFoundException> NotFoundAsync(AccessGuard guard, ActorContext actor, string resourceType, string resourceId, CancellationToken cancellationToken)
    {
        await guard.RecordFailureAsync(new AccessRequest(actor, AccessAction.Read, resourceType, actor.TenantId, null, resourceId), RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
        return new RecordNotFoundException(resourceType, resourceId);
    }
}
