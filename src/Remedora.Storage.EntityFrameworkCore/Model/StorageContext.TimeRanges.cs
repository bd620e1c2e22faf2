using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <content>The tables behind time-range constraints.</content>
internal abstract partial class StorageContext
{
    private void ConfigureTimeRanges(ModelBuilder modelBuilder)
    {
        ConfigureTimeRangeRows(modelBuilder.Entity<TimeRangeRow>());
        ConfigureTimeRangeConstraints(modelBuilder.Entity<TimeRangeConstraintRow>());
    }

    private void ConfigureTimeRangeRows(EntityTypeBuilder<TimeRangeRow> e)
    {
        e.ToTable(TimeRangeSql.Table);
        e.HasKey(r => new { r.TenantId, r.Collection, r.Constraint, r.DocumentKey }).HasName("pk_time_ranges");
        Tenant(e.Property(r => r.TenantId));
        Text(e.Property(r => r.Collection).HasColumnName("collection").HasMaxLength(63).IsRequired());
        Text(e.Property(r => r.Constraint).HasColumnName("constraint_name").HasMaxLength(63).IsRequired());
        Text(e.Property(r => r.DocumentKey).HasColumnName("document_key").HasMaxLength(DocumentIndex.MaxKeyLength).IsRequired());
        Text(e.Property(r => r.Group).HasColumnName("group_key").HasMaxLength(TimeRangeConstraint.MaxGroupLength).IsRequired());
        e.Property(r => r.StartsAt).HasColumnName("starts_at");
        e.Property(r => r.EndsAt).HasColumnName("ends_at");

        // The overlap check of a commit: one group's ranges that end after the new range starts (for bookings, mostly
        // the future ones), filtered by their start.
        e.HasIndex(r => new { r.TenantId, r.Collection, r.Constraint, r.Group, r.EndsAt }, "ix_time_ranges_group");
    }

    private void ConfigureTimeRangeConstraints(EntityTypeBuilder<TimeRangeConstraintRow> e)
    {
        e.ToTable(TimeRangeSql.ConstraintsTable);
        e.HasKey(c => new { c.Collection, c.Constraint }).HasName("pk_time_range_constraints");
        Text(e.Property(c => c.Collection).HasColumnName("collection").HasMaxLength(63).IsRequired());
        Text(e.Property(c => c.Constraint).HasColumnName("constraint_name").HasMaxLength(63).IsRequired());
        e.Property(c => c.CreatedAt).HasColumnName("created_at");
    }
}
