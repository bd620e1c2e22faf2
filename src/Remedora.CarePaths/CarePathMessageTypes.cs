namespace Remedora.CarePaths;

/// <summary>The outbox message types the built-in paths and the engine publish.</summary>
public static class CarePathMessageTypes
{
    /// <summary>A case was opened (<see cref="CaseOpened"/>).</summary>
    public const string CaseOpened = "care-paths.case-opened";

    /// <summary>A case moved (<see cref="CaseTransitioned"/>).</summary>
    public const string CaseTransitioned = "care-paths.case-transitioned";

    /// <summary>A case was escalated to a live visit (<see cref="CaseNotice"/>, code: the reason).</summary>
    public const string CaseEscalated = "care-paths.case-escalated";

    /// <summary>A case was approved (<see cref="CaseNotice"/>).</summary>
    public const string CaseApproved = "care-paths.case-approved";

    /// <summary>A case was declined (<see cref="CaseNotice"/>, code: the reason).</summary>
    public const string CaseDeclined = "care-paths.case-declined";

    /// <summary>The clinician asked the patient for information (<see cref="CaseNotice"/>, code: the topic).</summary>
    public const string InformationRequested = "care-paths.information-requested";

    /// <summary>A review passed its deadline and was put back in the queue at a higher priority (<see cref="CaseNotice"/>).</summary>
    public const string ReviewOverdue = "care-paths.review-overdue";

    /// <summary>A live visit is to be booked (<see cref="CaseNotice"/>).</summary>
    public const string VisitRequested = "care-paths.visit-requested";

    /// <summary>A live visit was booked (<see cref="CaseNotice"/>, code: the appointment id).</summary>
    public const string VisitScheduled = "care-paths.visit-scheduled";

    /// <summary>A visit was missed (<see cref="CaseNotice"/>).</summary>
    public const string VisitMissed = "care-paths.visit-missed";

    /// <summary>A visit note is overdue for signature (<see cref="CaseNotice"/>).</summary>
    public const string DocumentationOverdue = "care-paths.documentation-overdue";

    /// <summary>A prescription is to be sent (<see cref="CaseNotice"/>, code: the prescription id).</summary>
    public const string PrescriptionRequested = "care-paths.prescription-requested";

    /// <summary>A fulfillment failed (<see cref="CaseNotice"/>, code: the reason).</summary>
    public const string FulfillmentFailed = "care-paths.fulfillment-failed";

    /// <summary>A state's deadline passed (<see cref="SlaBreached"/>).</summary>
    public const string SlaBreached = "care-paths.sla-breached";
}
