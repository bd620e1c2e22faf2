namespace Remedora.CarePaths;

/// <summary>The stable codes of the refusals the SDK's own guards give.</summary>
public static class RefusalCodes
{
    /// <summary>The trigger is not permitted in the case's current state.</summary>
    public const string TriggerNotPermitted = "trigger-not-permitted";

    /// <summary>The actor's role may not fire the trigger.</summary>
    public const string RoleNotPermitted = "role-not-permitted";

    /// <summary>The destination state needs an active consent the patient does not have.</summary>
    public const string ConsentRequired = "consent-required";

    /// <summary>A red flag of the highest severity blocks asynchronous approval.</summary>
    public const string CriticalRedFlag = "critical-red-flag";

    /// <summary>A refill is not eligible against the last approval.</summary>
    public const string RefillNotEligible = "refill-not-eligible";

    /// <summary>The case is closed.</summary>
    public const string CaseClosed = "case-closed";
}
