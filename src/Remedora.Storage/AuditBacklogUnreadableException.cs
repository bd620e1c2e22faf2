namespace Remedora.Storage;

/// <summary>
/// The oldest record of a tenant's audit backlog cannot be read, so it cannot be integrated (the backlog row was
/// altered outside the SDK). The message names the tenant, the backlog row's id and the reason code, never a value.
/// </summary>
public sealed class AuditBacklogUnreadableException : RemedoraException
{
    /// <summary>The error code.</summary>
    public const string ErrorCode = "remedora.audit.backlog_unreadable";

    /// <summary>Initializes a new instance of the <see cref="AuditBacklogUnreadableException"/> class.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="backlogId">The backlog row's id.</param>
    /// <param name="code">Why it cannot be read (<see cref="UnreadableAuditRow.Code"/>).</param>
    public AuditBacklogUnreadableException(TenantId tenantId, long backlogId, string code)
        : base(ErrorCode, RemedoraErrorCategory.Unavailable, $"Audit backlog row {backlogId} of tenant '{tenantId}' cannot be read ({code}), so integration of the tenant's log stops before it. Restore the row from a backup or remove it; verification reports the backlog.")
    {
        TenantId = tenantId;
        BacklogId = backlogId;
    }

    /// <summary>Gets the tenant.</summary>
    public TenantId TenantId { get; }

    /// <summary>Gets the backlog row's id.</summary>
    public long BacklogId { get; }
}
