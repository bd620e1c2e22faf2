using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// The audit reports a practice needs: a patient's access log ("who looked at my record"), the accounting of
/// disclosures, and a filtered, paged query over the whole log; plus recording a disclosure. Every call is checked
/// against the access policy and is itself audited.
/// </summary>
public interface IAuditReports
{
    /// <summary>Lists who accessed a patient's records, newest first.</summary>
    /// <param name="actor">Who asks: the patient, a practitioner in the patient's care, an administrator with a purpose of use, or the system.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="query">The time range and page; <see langword="null"/> for the newest page of everything.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A page of entries; continue with its token even when it holds fewer items than asked for.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope (the attempt is audited as denied).</exception>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was altered, forged, or issued to another actor or for another query (the attempt is audited).</exception>
    Task<AuditPage<AccessLogEntry>> GetAccessLogAsync(ActorContext actor, Id<Patient> patientId, PatientAuditQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the disclosures of a patient's information to third parties (accounting of disclosures), newest first.</summary>
    /// <param name="actor">Who asks (as for <see cref="GetAccessLogAsync"/>).</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="query">The time range and page; <see langword="null"/> for the newest page of everything.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A page of disclosures.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope (the attempt is audited as denied).</exception>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was altered, forged, or issued to another actor or for another query (the attempt is audited).</exception>
    Task<AuditPage<DisclosureEntry>> GetDisclosuresAsync(ActorContext actor, Id<Patient> patientId, PatientAuditQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Queries the actor's tenant's audit log by time range, actor, patient, action and outcome, newest first.</summary>
    /// <param name="actor">Who asks: an administrator with a purpose of use, or the system.</param>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A page of records.</returns>
    /// <exception cref="AccessDeniedException">The actor may not query the whole audit log (the attempt is audited as denied).</exception>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was altered, forged, or issued to another actor or for another query (the attempt is audited).</exception>
    Task<AuditRecordPage> QueryAsync(ActorContext actor, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records that a patient's information was disclosed to a third party, for the accounting of disclosures.</summary>
    /// <param name="actor">Who disclosed; the access policy must allow them to disclose the record.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="resourceType">The kind of record disclosed, for example <c>MedicationRequest</c>.</param>
    /// <param name="resourceId">The record's id, when one record was disclosed.</param>
    /// <param name="disclosure">The recipient, purpose and a description of what was disclosed (without the data itself).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the disclosure is recorded.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope (the attempt is audited as denied).</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not disclose records (the attempt is audited as denied).</exception>
    Task RecordDisclosureAsync(ActorContext actor, Id<Patient> patientId, string resourceType, string? resourceId, Disclosure disclosure, CancellationToken cancellationToken = default);
}
