using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>
/// The fixed schema every Remedora package is stored in: documents, their entries in the collections' declared indexes
/// (and which index definitions the entries were built for), queue items, the audit log and one audit chain head per
/// tenant. The tenant id leads every key and index. Each database has its own context
/// type (and so its own migration set): <see cref="SqliteStorageContext"/> and <see cref="PostgreSqlStorageContext"/>.
/// </summary>
internal abstract partial class StorageContext : DbContext
{
    /// <summary>The name of the table that records applied migrations.</summary>
    public const string MigrationsHistoryTable = "__remedora_migrations";

    protected StorageContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DocumentRow> Documents => Set<DocumentRow>();

    public DbSet<IndexEntryRow> IndexEntries => Set<IndexEntryRow>();

    public DbSet<IndexStateRow> IndexStates => Set<IndexStateRow>();

    public DbSet<QueueItemRow> QueueItems => Set<QueueItemRow>();

    public DbSet<AuditRecordRow> AuditRecords => Set<AuditRecordRow>();

    public DbSet<AuditChainHeadRow> AuditChainHeads => Set<AuditChainHeadRow>();

    /// <summary>Applies the database's own conventions to a text column (PostgreSQL: the "C" collation).</summary>
    /// <param name="property">A text property.</param>
    protected abstract void ConfigureText(PropertyBuilder property);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ConfigureDocuments(modelBuilder.Entity<DocumentRow>());
        ConfigureIndexEntries(modelBuilder.Entity<IndexEntryRow>());
        ConfigureIndexStates(modelBuilder.Entity<IndexStateRow>());
        ConfigureQueueItems(modelBuilder.Entity<QueueItemRow>());
        ConfigureAuditRecords(modelBuilder.Entity<AuditRecordRow>());
        ConfigureAuditChainHeads(modelBuilder.Entity<AuditChainHeadRow>());
        ConfigureTimeRanges(modelBuilder);
        ConfigureAuditIntegration(modelBuilder);
    }

    private void ConfigureDocuments(EntityTypeBuilder<DocumentRow> e)
    {
        e.ToTable(Sql.Documents);
        e.HasKey(d => new { d.TenantId, d.Collection, d.Key }).HasName("pk_documents");
        Tenant(e.Property(d => d.TenantId));
        Text(e.Property(d => d.Collection).HasColumnName("collection").HasMaxLength(63).IsRequired());
        Text(e.Property(d => d.Key).HasColumnName("document_key").HasMaxLength(DocumentIndex.MaxKeyLength).IsRequired());
        e.Property(d => d.Version).HasColumnName("version");
        Text(e.Property(d => d.Data).HasColumnName("data").IsRequired());
        e.Property(d => d.CreatedAt).HasColumnName("created_at");
        e.Property(d => d.UpdatedAt).HasColumnName("updated_at");
    }

    private void ConfigureIndexEntries(EntityTypeBuilder<IndexEntryRow> e)
    {
        e.ToTable(Sql.IndexEntries);

        // The key is the order of every index query: tenant, collection, index, the encoded values, then the document.
        e.HasKey(x => new { x.TenantId, x.Collection, x.IndexName, x.EntryKey, x.DocumentKey }).HasName("pk_document_index_entries");
        Tenant(e.Property(x => x.TenantId));
        Text(e.Property(x => x.Collection).HasColumnName("collection").HasMaxLength(63).IsRequired());
        Text(e.Property(x => x.IndexName).HasColumnName("index_name").HasMaxLength(63).IsRequired());
        e.Property(x => x.EntryKey).HasColumnName("entry_key").IsRequired();
        Text(e.Property(x => x.DocumentKey).HasColumnName("document_key").HasMaxLength(DocumentIndex.MaxKeyLength).IsRequired());
        e.Property(x => x.Complete).HasColumnName("complete");
        e.Property(x => x.IsUnique).HasColumnName("is_unique");

        // The database enforces unique declarations: one row per tenant, collection, index and value among the rows
        // marked unique (complete entries of unique indexes).
        e.HasIndex(x => new { x.TenantId, x.Collection, x.IndexName, x.EntryKey }, "ux_document_index_entries_unique")
            .IsUnique()
            .HasFilter("\"is_unique\" = 1");

        // A document's entries, to replace them when it changes and to join conditions on other indexes.
        e.HasIndex(x => new { x.TenantId, x.Collection, x.DocumentKey, x.IndexName }, "ix_document_index_entries_document");
    }

    private void ConfigureIndexStates(EntityTypeBuilder<IndexStateRow> e)
    {
        e.ToTable(Sql.IndexStates);
        e.HasKey(x => new { x.Collection, x.IndexName }).HasName("pk_document_index_states");
        Text(e.Property(x => x.Collection).HasColumnName("collection").HasMaxLength(63).IsRequired());
        Text(e.Property(x => x.IndexName).HasColumnName("index_name").HasMaxLength(63).IsRequired());
        Text(e.Property(x => x.Fingerprint).HasColumnName("fingerprint").HasMaxLength(100).IsRequired());
        e.Property(x => x.BuiltAt).HasColumnName("built_at");
    }

    private void ConfigureQueueItems(EntityTypeBuilder<QueueItemRow> e)
    {
        e.ToTable(Sql.QueueItems);
        e.HasKey(q => new { q.TenantId, q.Id }).HasName("pk_queue_items");
        Tenant(e.Property(q => q.TenantId));
        e.Property(q => q.Id).HasColumnName("id");
        Text(e.Property(q => q.Queue).HasColumnName("queue").HasMaxLength(200).IsRequired());
        e.Property(q => q.Priority).HasColumnName("priority");
        e.Property(q => q.DueAt).HasColumnName("due_at");
        e.Property(q => q.AvailableAt).HasColumnName("available_at");
        Text(e.Property(q => q.Jurisdiction).HasColumnName("jurisdiction"));
        Text(e.Property(q => q.Skill).HasColumnName("skill"));
        Text(e.Property(q => q.Pool).HasColumnName("pool"));
        Text(e.Property(q => q.AssignedTo).HasColumnName("assigned_to"));
        Text(e.Property(q => q.SubjectId).HasColumnName("subject_id"));
        Text(e.Property(q => q.Reference).HasColumnName("reference"));
        Text(e.Property(q => q.MessageType).HasColumnName("message_type"));
        Text(e.Property(q => q.Payload).HasColumnName("payload"));
        Text(e.Property(q => q.IdempotencyKey).HasColumnName("idempotency_key"));
        e.Property(q => q.Status).HasColumnName("status");
        e.Property(q => q.Attempts).HasColumnName("attempts");
        Text(e.Property(q => q.LeaseOwner).HasColumnName("lease_owner"));
        e.Property(q => q.LeaseToken).HasColumnName("lease_token");
        e.Property(q => q.LeaseExpiresAt).HasColumnName("lease_expires_at");
        Text(e.Property(q => q.LastError).HasColumnName("last_error"));
        e.Property(q => q.CreatedAt).HasColumnName("created_at");
        e.Property(q => q.FinishedAt).HasColumnName("finished_at");
        Text(e.Property(q => q.MessageKey).HasColumnName("message_key").HasMaxLength(OutboxMessage.MaxKeyLength));

        // Claim order per tenant and queue, over unfinished items only, so a claim reads the head of the queue
        // however many finished items the table holds.
        e.HasIndex(q => new { q.TenantId, q.Queue, q.Priority, q.DueAt, q.Id }, "ix_queue_items_claim")
            .IsDescending(false, false, true, false, false)
            .HasFilter("\"status\" IN (0, 1)");

        // Listing (oldest first), statistics and health checks, and "what does this owner hold".
        e.HasIndex(q => new { q.TenantId, q.Queue, q.CreatedAt, q.Id }, "ix_queue_items_created");
        e.HasIndex(q => new { q.TenantId, q.Queue, q.Status, q.AvailableAt }, "ix_queue_items_status");
        e.HasIndex(q => new { q.TenantId, q.LeaseOwner, q.Status }, "ix_queue_items_lease_owner");

        // A keyed outbox message is withdrawn and rescheduled by its key: one pending message per tenant, queue and key.
        e.HasIndex(q => new { q.TenantId, q.Queue, q.MessageKey }, "ux_queue_items_message_key")
            .IsUnique()
            .HasFilter("\"message_key\" IS NOT NULL AND \"status\" IN (0, 1)");
    }

    private void ConfigureAuditRecords(EntityTypeBuilder<AuditRecordRow> e)
    {
        e.ToTable(Sql.AuditRecords);
        e.HasKey(a => new { a.TenantId, a.Sequence }).HasName("pk_audit_records");
        Tenant(e.Property(a => a.TenantId));
        e.Property(a => a.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        e.Property(a => a.OccurredAt).HasColumnName("occurred_at");
        Text(e.Property(a => a.ActorId).HasColumnName("actor_id").IsRequired());
        Text(e.Property(a => a.ActorRole).HasColumnName("actor_role").HasMaxLength(32).IsRequired());
        Text(e.Property(a => a.Action).HasColumnName("action").HasMaxLength(32).IsRequired());
        Text(e.Property(a => a.ResourceType).HasColumnName("resource_type").IsRequired());
        Text(e.Property(a => a.ResourceId).HasColumnName("resource_id"));
        e.Property(a => a.PatientId).HasColumnName("patient_id");
        Text(e.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(32).IsRequired());
        Text(e.Property(a => a.PurposeOfUse).HasColumnName("purpose_of_use").HasMaxLength(32));
        Text(e.Property(a => a.SourceApplication).HasColumnName("source_application"));
        Text(e.Property(a => a.SourceNetworkAddress).HasColumnName("source_network_address"));
        Text(e.Property(a => a.SourceDevice).HasColumnName("source_device"));
        Text(e.Property(a => a.CorrelationId).HasColumnName("correlation_id"));
        Text(e.Property(a => a.BreakGlassReason).HasColumnName("break_glass_reason"));
        Text(e.Property(a => a.Detail).HasColumnName("detail"));
        Text(e.Property(a => a.DisclosureRecipient).HasColumnName("disclosure_recipient"));
        Text(e.Property(a => a.DisclosurePurpose).HasColumnName("disclosure_purpose"));
        Text(e.Property(a => a.DisclosureDescription).HasColumnName("disclosure_description"));
        e.Property(a => a.PreviousHash).HasColumnName("previous_hash").IsRequired();
        e.Property(a => a.Hash).HasColumnName("hash").IsRequired();

        // The report queries: by patient (accounting of disclosures), by actor, by time.
        e.HasIndex(a => new { a.TenantId, a.PatientId, a.Sequence }, "ix_audit_records_patient").HasFilter("\"patient_id\" IS NOT NULL");
        e.HasIndex(a => new { a.TenantId, a.ActorId, a.Sequence }, "ix_audit_records_actor");
        e.HasIndex(a => new { a.TenantId, a.OccurredAt }, "ix_audit_records_occurred_at");
    }

    private void ConfigureAuditChainHeads(EntityTypeBuilder<AuditChainHeadRow> e)
    {
        e.ToTable(Sql.AuditChainHeads);
        e.HasKey(h => h.TenantId).HasName("pk_audit_chain_heads");
        Tenant(e.Property(h => h.TenantId));
        e.Property(h => h.Sequence).HasColumnName("sequence");
        e.Property(h => h.Hash).HasColumnName("hash").IsRequired();
        e.Property(h => h.UpdatedAt).HasColumnName("updated_at");
    }

    private void Tenant(PropertyBuilder<string> property)
        => Text(property.HasColumnName("tenant_id").HasMaxLength(TenantId.MaxLength).IsRequired());

    private void Text(PropertyBuilder property) => ConfigureText(property);
}
