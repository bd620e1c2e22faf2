namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>Who integrates a tenant's audit backlog, until when: one row of <c>audit_integration_leases</c>.</summary>
internal sealed class AuditIntegrationLeaseRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Holder { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }
}
