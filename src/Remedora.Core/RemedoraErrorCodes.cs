namespace Remedora;

/// <summary>The stable codes of the SDK's errors. Each package documents its own codes in docs/errors.md.</summary>
public static class RemedoraErrorCodes
{
    /// <summary>The record does not exist, or the actor may not know that it exists.</summary>
    public const string NotFound = "remedora.not_found";

    /// <summary>The record changed since it was read (optimistic concurrency).</summary>
    public const string ConcurrencyConflict = "remedora.concurrency_conflict";

    /// <summary>The input is invalid; the problems list every issue with its path.</summary>
    public const string ValidationFailed = "remedora.validation_failed";

    /// <summary>The actor may see the record but not perform this action on it.</summary>
    public const string AccessDenied = "remedora.access_denied";

    /// <summary>Break-glass access was requested without a reason.</summary>
    public const string BreakGlassReasonRequired = "remedora.break_glass_reason_required";

    /// <summary>A record of one tenant was given to an operation of another tenant.</summary>
    public const string TenantMismatch = "remedora.tenant_mismatch";
}
