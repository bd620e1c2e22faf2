namespace Remedora.CarePaths;

/// <summary>Why a case was escalated to a live visit.</summary>
public enum EscalationReason
{
    /// <summary>A red flag in the patient's intake.</summary>
    RedFlag = 0,

    /// <summary>A prescription that needs a live visit, for example a controlled substance.</summary>
    PrescriptionNeedsLiveVisit = 1,

    /// <summary>The clinician decided a live visit is needed.</summary>
    ClinicianDecision = 2,

    /// <summary>The patient asked for a live visit.</summary>
    PatientRequest = 3,

    /// <summary>Nobody acted before the deadline.</summary>
    SlaTimeout = 4,
}
