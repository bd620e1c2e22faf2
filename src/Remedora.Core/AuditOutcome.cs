namespace Remedora;

/// <summary>The outcome of an audited action.</summary>
public enum AuditOutcome
{
    /// <summary>It succeeded.</summary>
    Success = 0,

    /// <summary>The access policy refused it.</summary>
    Denied = 1,

    /// <summary>It failed for another reason.</summary>
    Failed = 2,
}
