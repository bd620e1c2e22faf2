namespace Remedora.CarePaths;

/// <summary>The names of the built-in paths' states.</summary>
public static class CareStates
{
    /// <summary>Asynchronous consult: the patient has submitted.</summary>
    public const string Submitted = "submitted";

    /// <summary>Asynchronous consult: triage is deciding how to handle the case.</summary>
    public const string Triage = "triage";

    /// <summary>Asynchronous consult: waiting in the review queue.</summary>
    public const string AwaitingReview = "awaiting-review";

    /// <summary>Asynchronous consult: a clinician is reviewing (needs active telehealth consent).</summary>
    public const string InReview = "in-review";

    /// <summary>Asynchronous consult: waiting for the patient's answer.</summary>
    public const string NeedsInformation = "needs-information";

    /// <summary>Asynchronous consult and refill: approved.</summary>
    public const string Approved = "approved";

    /// <summary>Asynchronous consult and refill: declined.</summary>
    public const string Declined = "declined";

    /// <summary>Asynchronous consult and refill: escalated to a live visit (in the hybrid path, the live visit's states are its substates).</summary>
    public const string Escalated = "escalated";

    /// <summary>The case is closed.</summary>
    public const string Closed = "closed";

    /// <summary>Synchronous visit: requested, not yet booked. Refill: requested.</summary>
    public const string Requested = "requested";

    /// <summary>Synchronous visit: booked.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>Synchronous visit: the patient has checked in.</summary>
    public const string CheckedIn = "checked-in";

    /// <summary>Synchronous visit: under way (needs active telehealth consent).</summary>
    public const string InProgress = "in-progress";

    /// <summary>Synchronous visit: over, documentation to sign.</summary>
    public const string Completed = "completed";

    /// <summary>Synchronous visit: the patient did not attend.</summary>
    public const string NoShow = "no-show";

    /// <summary>Synchronous visit: cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Synchronous visit: the visit note is signed.</summary>
    public const string DocumentationSigned = "documentation-signed";

    /// <summary>Hybrid: a prescription is being issued.</summary>
    public const string Prescribing = "prescribing";

    /// <summary>Hybrid: the pharmacy or shipper is fulfilling the prescription.</summary>
    public const string Fulfillment = "fulfillment";

    /// <summary>Hybrid: following up with the patient.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>Refill: checking the request against the last approval.</summary>
    public const string EligibilityCheck = "eligibility-check";
}
