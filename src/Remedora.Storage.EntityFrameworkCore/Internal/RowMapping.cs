using System.Data.Common;
using System.Globalization;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Reads and writes queue items and audit records with hand-written commands.</summary>
internal static class RowMapping
{
    public const string InsertQueueItemSql =
        "INSERT INTO queue_items (tenant_id, id, queue, priority, due_at, available_at, jurisdiction, skill, pool, assigned_to, subject_id, reference, "
        + "message_type, payload, idempotency_key, status, attempts, created_at) "
        + "VALUES (@t, @id, @queue, @priority, @due, @available, @jurisdiction, @skill, @pool, @assigned, @subject, @reference, "
        + "@type, @payload, @key, 0, 0, @now) ON CONFLICT (tenant_id, id) DO NOTHING";

    public const string InsertAuditSql =
        "INSERT INTO audit_records (" + Sql.AuditColumns + ") VALUES (@t, @seq, @at, @actor, @role, @action, @rtype, @rid, @patient, @outcome, @purpose, "
        + "@app, @addr, @device, @corr, @bg, @detail, @drecipient, @dpurpose, @ddescription, @prev, @hash)";

    /// <summary>Builds the insert of a new queue item: ready, no attempts, created now.</summary>
    public static Statement InsertQueueItem(SqlDialect dialect, QueueItem item, DateTimeOffset now)
        => dialect.Statement(InsertQueueItemSql)
            .Text("@t", item.TenantId.Value)
            .Uuid("@id", item.Id)
            .Text("@queue", item.Queue)
            .Int32("@priority", item.Priority)
            .Instant("@due", StorageTime.Normalize(item.DueAt))
            .Instant("@available", StorageTime.Normalize(item.AvailableAt))
            .Text("@jurisdiction", item.Jurisdiction)
            .Text("@skill", item.Skill)
            .Text("@pool", item.Pool)
            .Text("@assigned", item.AssignedTo)
            .Text("@subject", item.SubjectId)
            .Text("@reference", item.Reference)
            .Text("@type", item.MessageType)
            .Text("@payload", item.Payload)
            .Text("@key", item.IdempotencyKey)
            .Instant("@now", now);

    /// <summary>Reads a queue item from columns in <see cref="Sql.QueueColumns"/> order.</summary>
    public static QueueItem ReadQueueItem(SqlDialect dialect, DbDataReader reader, out Guid? leaseToken)
    {
        leaseToken = dialect.ReadNullableUuid(reader, 18);
        return new QueueItem
        {
            TenantId = TenantId.Parse(reader.GetString(0)),
            Id = dialect.ReadUuid(reader, 1),
            Queue = reader.GetString(2),
            Priority = reader.GetInt32(3),
            DueAt = dialect.ReadInstant(reader, 4),
            AvailableAt = dialect.ReadInstant(reader, 5),
            Jurisdiction = NullableString(reader, 6),
            Skill = NullableString(reader, 7),
            Pool = NullableString(reader, 8),
            AssignedTo = NullableString(reader, 9),
            SubjectId = NullableString(reader, 10),
            Reference = NullableString(reader, 11),
            MessageType = NullableString(reader, 12),
            Payload = NullableString(reader, 13),
            IdempotencyKey = NullableString(reader, 14),
            Status = (QueueItemStatus)reader.GetInt32(15),
            Attempts = reader.GetInt32(16),
            LeaseOwner = NullableString(reader, 17),
            LeaseExpiresAt = dialect.ReadNullableInstant(reader, 19),
            LastError = NullableString(reader, 20),
            CreatedAt = dialect.ReadInstant(reader, 21),
            FinishedAt = dialect.ReadNullableInstant(reader, 22),
        };
    }

    /// <summary>Builds the insert of a sealed audit record: every field of the event as a column.</summary>
    public static Statement InsertAuditRecord(SqlDialect dialect, AuditRecord record)
    {
        var e = record.Event;
        return dialect.Statement(InsertAuditSql)
            .Text("@t", e.TenantId.Value)
            .Int64("@seq", record.Sequence)
            .Instant("@at", e.OccurredAt)
            .Text("@actor", e.ActorId)
            .Text("@role", e.ActorRole.ToString())
            .Text("@action", e.Action.ToString())
            .Text("@rtype", e.ResourceType)
            .Text("@rid", e.ResourceId)
            .Uuid("@patient", e.PatientId?.Value)
            .Text("@outcome", e.Outcome.ToString())
            .Text("@purpose", e.PurposeOfUse?.Code)
            .Text("@app", e.Source?.Application)
            .Text("@addr", e.Source?.NetworkAddress)
            .Text("@device", e.Source?.Device)
            .Text("@corr", e.CorrelationId)
            .Text("@bg", e.BreakGlassReason)
            .Text("@detail", e.Detail)
            .Text("@drecipient", e.Disclosure?.Recipient)
            .Text("@dpurpose", e.Disclosure?.Purpose)
            .Text("@ddescription", e.Disclosure?.Description)
            .Bytes("@prev", record.PreviousHash.ToArray())
            .Bytes("@hash", record.Hash.ToArray());
    }

    /// <summary>Reads an audit record from columns in <see cref="Sql.AuditColumns"/> order, exactly as stored.</summary>
    public static AuditRecord ReadAuditRecord(SqlDialect dialect, DbDataReader reader)
    {
        var app = NullableString(reader, 11);
        var recipient = NullableString(reader, 17);
        var purpose = NullableString(reader, 10);
        var patient = dialect.ReadNullableUuid(reader, 8);
        var auditEvent = new AuditEvent
        {
            TenantId = TenantId.Parse(reader.GetString(0)),
            OccurredAt = dialect.ReadInstant(reader, 2),
            ActorId = reader.GetString(3),
            ActorRole = Enum.Parse<ActorRole>(reader.GetString(4)),
            Action = Enum.Parse<AuditAction>(reader.GetString(5)),
            ResourceType = reader.GetString(6),
            ResourceId = NullableString(reader, 7),
            PatientId = patient is { } p ? new Id<Patient>(p) : null,
            Outcome = Enum.Parse<AuditOutcome>(reader.GetString(9)),
            PurposeOfUse = purpose is null ? null : new PurposeOfUse(purpose),
            Source = app is null ? null : new RequestSource(app, NullableString(reader, 12), NullableString(reader, 13)),
            CorrelationId = NullableString(reader, 14),
            BreakGlassReason = NullableString(reader, 15),
            Detail = NullableString(reader, 16),
            Disclosure = recipient is null ? null : new Disclosure(recipient, reader.GetString(18), reader.GetString(19)),
        };
        return new AuditRecord(reader.GetInt64(1), auditEvent, (byte[])reader.GetValue(20), (byte[])reader.GetValue(21));
    }

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
