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

/// <summary>The time range and page of a patient's audit report.</summary>
public sealed record PatientAuditQuery
{
    /// <summary>Gets the earliest time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100; at most 1000.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets the previous page's continuation token.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>A page of a report.</summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <param name="Items">The entries.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record AuditPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>
    /// Gets the stored rows of this page's range that the report should have considered but that cannot be read. They
    /// are not among <see cref="Items"/>; each names its sequence (when readable), column and reason code, never a stored
    /// value. A non-empty list means the audit log was altered: verify the chain.
    /// </summary>
    /// <value>The unreadable rows, newest first; empty when every row was read.</value>
    public IReadOnlyList<UnreadableAuditRow> Unreadable { get; init; } = [];
}

/// <summary>One access to a patient's records.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="ActorId">Who (the application's user id).</param>
/// <param name="ActorRole">In which role.</param>
/// <param name="Action">What they did.</param>
/// <param name="ResourceType">The kind of record.</param>
/// <param name="ResourceId">The record's id, when one record was involved.</param>
/// <param name="Outcome">Whether it succeeded or was refused.</param>
/// <param name="PurposeOfUse">Why they acted.</param>
/// <param name="BreakGlassReason">The emergency-access reason, when access was gained through break-glass.</param>
/// <param name="Source">Where the request came from.</param>
/// <param name="Sequence">The audit record's sequence number in the tenant's chain.</param>
public sealed record AccessLogEntry(
    DateTimeOffset OccurredAt,
    string ActorId,
    ActorRole ActorRole,
    AuditAction Action,
    string ResourceType,
    string? ResourceId,
    AuditOutcome Outcome,
    PurposeOfUse? PurposeOfUse,
    string? BreakGlassReason,
    RequestSource? Source,
    long Sequence)
{
    /// <summary>Gets a value indicating whether access was gained through emergency (break-glass) access.</summary>
    public bool IsBreakGlass => BreakGlassReason is not null;
}

/// <summary>One disclosure of a patient's information, as the accounting of disclosures lists it.</summary>
/// <param name="DisclosedAt">When.</param>
/// <param name="Recipient">Who received it.</param>
/// <param name="Purpose">Why.</param>
/// <param name="Description">What was disclosed.</param>
/// <param name="ActorId">Who disclosed it.</param>
/// <param name="ResourceType">The kind of record disclosed.</param>
/// <param name="ResourceId">The record's id, when one record was disclosed.</param>
/// <param name="Sequence">The audit record's sequence number in the tenant's chain.</param>
public sealed record DisclosureEntry(
    DateTimeOffset DisclosedAt,
    string Recipient,
    string Purpose,
    string Description,
    string ActorId,
    string ResourceType,
    string? ResourceId,
    long Sequence);
