namespace Remedora.Clinical;

/// <summary>What a care path should do about a red flag.</summary>
public enum RedFlagAction
{
    /// <summary>Show it to the reviewing clinician.</summary>
    Notify = 0,

    /// <summary>Raise the priority of the review.</summary>
    Prioritize = 1,

    /// <summary>Move the case to a live (synchronous) visit.</summary>
    EscalateToLiveVisit = 2,

    /// <summary>Refuse asynchronous care and direct the patient to urgent or emergency care.</summary>
    RefuseAsyncCare = 3,
}
