using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;

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

    /// <summary>Reads a tenant's audit chain head; dialects that lock rows append their lock clause.</summary>
    public const string SelectAuditHeadSql = "SELECT sequence, hash FROM audit_chain_heads WHERE tenant_id = @t";

    /// <summary>Creates a tenant's audit chain head at the genesis hash, unless another transaction just did.</summary>
    public const string InsertAuditHeadSql =
        "INSERT INTO audit_chain_heads (tenant_id, sequence, hash, updated_at) VALUES (@t, 0, @hash, @now) ON CONFLICT (tenant_id) DO NOTHING";

    /// <summary>Moves a tenant's audit chain head.</summary>
    public const string UpdateAuditHeadSql = "UPDATE audit_chain_heads SET sequence = @seq, hash = @hash, updated_at = @now WHERE tenant_id = @t";

    /// <summary>Builds the insert of a new queue item: ready, no attempts, created now; the codec encodes the payload (a protecting codec encrypts it).</summary>
    public static Statement InsertQueueItem(SqlDialect dialect, IDocumentCodec codec, QueueItem item, DateTimeOffset now)
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
            .Text("@payload", item.Payload is { } payload ? codec.EncodePayload(item.TenantId, item.Queue, item.MessageType, payload) : null)
            .Text("@key", item.IdempotencyKey)
            .Instant("@now", now);

    /// <summary>
    /// Reads a queue item from columns in <see cref="Sql.QueueColumns"/> order; the codec decodes the payload. A payload
    /// that cannot be decrypted is left as stored, so its handler fails on it (and the item retries into a dead letter)
    /// instead of the read failing for every item of the queue.
    /// </summary>
    public static QueueItem ReadQueueItem(SqlDialect dialect, IDocumentCodec codec, DbDataReader reader, out Guid? leaseToken)
    {
        leaseToken = dialect.ReadNullableUuid(reader, 18);
        var item = ReadQueueColumns(dialect, reader);
        if (item.Payload is not { } stored)
        {
            return item;
        }

        try
        {
            return item with { Payload = codec.DecodePayload(item.TenantId, item.Queue, item.MessageType, stored) };
        }
        catch (Protection.PhiDecryptionException)
        {
            return item;
        }
    }

    private static QueueItem ReadQueueColumns(SqlDialect dialect, DbDataReader reader)
    {
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

    /// <summary>Gets how many parameters the audit insert has (one per column).</summary>
    public const int AuditParameterCount = 22;

    /// <summary>The audit insert's parameters in column order; instants and ids are typed by the dialect.</summary>
    private static readonly (string Name, AuditValueKind Kind)[] AuditParameters =
    [
        ("@t", AuditValueKind.Text), ("@seq", AuditValueKind.Int64), ("@at", AuditValueKind.Instant), ("@actor", AuditValueKind.Text),
        ("@role", AuditValueKind.Text), ("@action", AuditValueKind.Text), ("@rtype", AuditValueKind.Text), ("@rid", AuditValueKind.Text),
        ("@patient", AuditValueKind.Uuid), ("@outcome", AuditValueKind.Text), ("@purpose", AuditValueKind.Text), ("@app", AuditValueKind.Text),
        ("@addr", AuditValueKind.Text), ("@device", AuditValueKind.Text), ("@corr", AuditValueKind.Text), ("@bg", AuditValueKind.Text),
        ("@detail", AuditValueKind.Text), ("@drecipient", AuditValueKind.Text), ("@dpurpose", AuditValueKind.Text), ("@ddescription", AuditValueKind.Text),
        ("@prev", AuditValueKind.Bytes), ("@hash", AuditValueKind.Bytes),
    ];

    private enum AuditValueKind
    {
        Text,
        Int64,
        Instant,
        Uuid,
        Bytes,
    }

    /// <summary>Builds the insert of a sealed audit record: every field of the event as a column.</summary>
    public static Statement InsertAuditRecord(SqlDialect dialect, AuditRecord record)
    {
        var values = new object?[AuditParameterCount];
        AuditValues(dialect, record, values);
        var statement = dialect.Statement(InsertAuditSql);
        for (var i = 0; i < AuditParameterCount; i++)
        {
            var (name, kind) = AuditParameters[i];
            statement.Parameters.Add(dialect.Parameter(name, values[i], TypeOf(dialect, kind)));
        }

        return statement;
    }

    /// <summary>Adds the audit insert's parameter at a position, with a value from <see cref="AuditValues"/>.</summary>
    public static Statement AddAuditParameter(SqlDialect dialect, Statement statement, int position, object? value)
    {
        var (name, kind) = AuditParameters[position];
        statement.Parameters.Add(dialect.Parameter(name, value, TypeOf(dialect, kind)));
        return statement;
    }

    /// <summary>Gets the name of the audit insert's parameter at a position.</summary>
    public static string AuditParameterName(int position) => AuditParameters[position].Name;

    /// <summary>Writes a sealed record's column values, as the dialect stores them, into <paramref name="values"/> in parameter order.</summary>
    public static void AuditValues(SqlDialect dialect, AuditRecord record, object?[] values)
    {
        var e = record.Event;
        values[0] = e.TenantId.Value;
        values[1] = record.Sequence;
        values[2] = dialect.Instant(e.OccurredAt);
        values[3] = e.ActorId;
        values[4] = e.ActorRole.ToString();
        values[5] = e.Action.ToString();
        values[6] = e.ResourceType;
        values[7] = e.ResourceId;
        values[8] = e.PatientId is { } patient ? dialect.Uuid(patient.Value) : null;
        values[9] = e.Outcome.ToString();
        values[10] = e.PurposeOfUse?.Code;
        values[11] = e.Source?.Application;
        values[12] = e.Source?.NetworkAddress;
        values[13] = e.Source?.Device;
        values[14] = e.CorrelationId;
        values[15] = e.BreakGlassReason;
        values[16] = e.Detail;
        values[17] = e.Disclosure?.Recipient;
        values[18] = e.Disclosure?.Purpose;
        values[19] = e.Disclosure?.Description;
        values[20] = AsArray(record.PreviousHash);
        values[21] = AsArray(record.Hash);
    }

    private static DbType TypeOf(SqlDialect dialect, AuditValueKind kind) => kind switch
    {
        AuditValueKind.Text => DbType.String,
        AuditValueKind.Int64 => DbType.Int64,
        AuditValueKind.Instant => dialect.InstantType,
        AuditValueKind.Uuid => dialect.UuidType,
        _ => DbType.Binary,
    };

    /// <summary>Gets the bytes as an array, without copying when the memory is a whole array (as sealed hashes are).</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> bytes)
        => MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();

    /// <summary>Reads an audit row from columns in <see cref="Sql.AuditColumns"/> order, exactly as stored; a row that cannot be read becomes an unreadable entry.</summary>
    public static AuditChainEntry ReadAuditRecord(DbDataReader reader) => AuditRowDecoder.Read(reader);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
