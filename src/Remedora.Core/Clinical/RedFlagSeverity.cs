namespace Remedora.Clinical;

/// <summary>How serious a red flag is, in increasing order.</summary>
public enum RedFlagSeverity
{
    /// <summary>Worth noting; no change to the path.</summary>
    Low = 0,

    /// <summary>Needs a clinician's attention during review.</summary>
    Moderate = 1,

    /// <summary>Needs prompt attention; usually a live visit.</summary>
    High = 2,

    /// <summary>The highest severity: asynchronous approval is blocked.</summary>
    Critical = 3,
}
