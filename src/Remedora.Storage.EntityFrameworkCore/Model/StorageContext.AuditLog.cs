using Microsoft.EntityFrameworkCore;

namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>The audit log's backlog, Merkle tree nodes and integration leases.</summary>
internal abstract partial class StorageContext
{
    public DbSet<AuditPendingRow> AuditPending => Set<AuditPendingRow>();

    public DbSet<AuditTreeNodeRow> AuditTreeNodes => Set<AuditTreeNodeRow>();

    public DbSet<AuditIntegrationLeaseRow> AuditIntegrationLeases => Set<AuditIntegrationLeaseRow>();

    private void ConfigureAuditIntegration(ModelBuilder modelBuilder)
    {
        var p = modelBuilder.Entity<AuditPendingRow>();
        p.ToTable(Sql.AuditPending);
        p.HasKey(a => a.Id).HasName("pk_audit_pending");
        p.Property(a => a.Id).HasColumnName("id").ValueGeneratedOnAdd();
        Tenant(p.Property(a => a.TenantId));
        p.Property(a => a.CommitKey).HasColumnName("commit_key");
        p.Property(a => a.CommitId).HasColumnName("commit_id");
        p.Property(a => a.Position).HasColumnName("position");
        p.Property(a => a.CommittedAt).HasColumnName("committed_at");
        p.Property(a => a.OccurredAt).HasColumnName("occurred_at");
        Text(p.Property(a => a.ActorId).HasColumnName("actor_id").IsRequired());
        Text(p.Property(a => a.ActorRole).HasColumnName("actor_role").HasMaxLength(32).IsRequired());
        Text(p.Property(a => a.Action).HasColumnName("action").HasMaxLength(32).IsRequired());
        Text(p.Property(a => a.ResourceType).HasColumnName("resource_type").IsRequired());
        Text(p.Property(a => a.ResourceId).HasColumnName("resource_id"));
        p.Property(a => a.PatientId).HasColumnName("patient_id");
        Text(p.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(32).IsRequired());
        Text(p.Property(a => a.PurposeOfUse).HasColumnName("purpose_of_use").HasMaxLength(32));
        Text(p.Property(a => a.SourceApplication).HasColumnName("source_application"));
        Text(p.Property(a => a.SourceNetworkAddress).HasColumnName("source_network_address"));
        Text(p.Property(a => a.SourceDevice).HasColumnName("source_device"));
        Text(p.Property(a => a.CorrelationId).HasColumnName("correlation_id"));
        Text(p.Property(a => a.BreakGlassReason).HasColumnName("break_glass_reason"));
        Text(p.Property(a => a.Detail).HasColumnName("detail"));
        Text(p.Property(a => a.DisclosureRecipient).HasColumnName("disclosure_recipient"));
        Text(p.Property(a => a.DisclosurePurpose).HasColumnName("disclosure_purpose"));
        Text(p.Property(a => a.DisclosureDescription).HasColumnName("disclosure_description"));
        p.HasIndex(a => new { a.TenantId, a.CommitKey, a.CommitId, a.Position }, "ix_audit_pending_order");

        var n = modelBuilder.Entity<AuditTreeNodeRow>();
        n.ToTable(Sql.AuditTreeNodes);
        n.HasKey(a => new { a.TenantId, a.Level, a.Index }).HasName("pk_audit_tree_nodes");
        Tenant(n.Property(a => a.TenantId));
        n.Property(a => a.Level).HasColumnName("level").ValueGeneratedNever();
        n.Property(a => a.Index).HasColumnName("node_index").ValueGeneratedNever();
        n.Property(a => a.Hash).HasColumnName("hash").IsRequired();

        var l = modelBuilder.Entity<AuditIntegrationLeaseRow>();
        l.ToTable(Sql.AuditIntegrationLeases);
        l.HasKey(a => a.TenantId).HasName("pk_audit_integration_leases");
        Tenant(l.Property(a => a.TenantId));
        Text(l.Property(a => a.Holder).HasColumnName("holder").HasMaxLength(200).IsRequired());
        l.Property(a => a.ExpiresAt).HasColumnName("expires_at");
    }
}
