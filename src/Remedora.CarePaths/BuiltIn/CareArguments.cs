namespace Remedora.CarePaths;

/// <summary>A clinician's approval of an asynchronous review or a refill.</summary>
/// <param name="Prescription">The prescription the approval includes, if any.</param>
public sealed record ReviewDecision(PrescriptionRequest? Prescription = null)
{
    /// <summary>Gets a value indicating whether the prescription needs a live visit (a controlled substance, or flagged so).</summary>
    public bool NeedsLiveVisit => Prescription is { } p && (p.IsControlledSubstance || p.RequiresLiveVisit);
}

/// <summary>A prescription a clinician intends to issue.</summary>
/// <param name="MedicationCode">The medication's code (for example an RxNorm code); it is not copied into messages or audit details.</param>
/// <param name="IsControlledSubstance">Whether the medication is a controlled substance, which needs a live visit before prescribing.</param>
/// <param name="RequiresLiveVisit">Whether the prescription needs a live visit for another reason.</param>
public sealed record PrescriptionRequest(string MedicationCode, bool IsControlledSubstance, bool RequiresLiveVisit = false);

/// <summary>Why a clinician declined a case.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>not-suitable-for-telehealth</c>.</param>
public sealed record DeclineDecision(string ReasonCode);

/// <summary>What a clinician asks the patient for.</summary>
/// <param name="TopicCode">A PHI-free code of the topic, for example <c>photo-of-affected-area</c>.</param>
public sealed record InformationRequest(string TopicCode);

/// <summary>A request to escalate a case to a live visit.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Code">A PHI-free code, for example the red-flag rule id.</param>
public sealed record EscalationRequest(EscalationReason Reason, string? Code = null);

/// <summary>A booked live visit.</summary>
/// <param name="AppointmentId">The appointment's id in the scheduling package or system.</param>
/// <param name="StartsAt">When the visit starts.</param>
/// <param name="Modality">How it takes place.</param>
public sealed record VisitBooking(string AppointmentId, DateTimeOffset StartsAt, EncounterModality Modality);

/// <summary>Why a visit was cancelled.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>patient-request</c>.</param>
public sealed record CancellationRequest(string ReasonCode);

/// <summary>A prescription ordered after a decision.</summary>
/// <param name="PrescriptionId">The prescription's id.</param>
/// <param name="IsControlledSubstance">Whether the medication is a controlled substance.</param>
public sealed record PrescriptionOrder(string PrescriptionId, bool IsControlledSubstance);

/// <summary>Why a fulfillment failed.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>out-of-stock</c> or <c>address-undeliverable</c>.</param>
public sealed record FulfillmentFailure(string ReasonCode);

/// <summary>A notice about a case, published through the outbox: ids and codes only.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="PathName">The case's path.</param>
/// <param name="State">The state the case is in.</param>
/// <param name="Code">A PHI-free code, for example an escalation reason.</param>
public sealed record CaseNotice(Guid CaseId, Guid PatientId, string PathName, string State, string? Code = null);
