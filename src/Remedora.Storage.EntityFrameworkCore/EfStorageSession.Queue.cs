namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// The queue withdrawals and reschedules a session stages, and the inserts of keyed outbox messages; they run in the
/// commit's transaction, before the session's new messages and items.
/// </summary>
internal sealed partial class EfStorageSession
{
    private const string Unfinished = " AND status IN (0, 1)";

    private const string WithdrawItemSql =
        "UPDATE queue_items SET status = 4, finished_at = @now, lease_token = NULL, lease_expires_at = NULL WHERE tenant_id = @t AND id = @id" + Unfinished;

    private const string WithdrawMessageSql =
        "UPDATE queue_items SET status = 4, finished_at = @now, lease_token = NULL, lease_expires_at = NULL "
        + "WHERE tenant_id = @t AND queue = @queue AND message_key = @key" + Unfinished;

    private const string ReleaseSql =
        "UPDATE queue_items SET status = 0, available_at = @at, lease_token = NULL, lease_expires_at = NULL WHERE tenant_id = @t AND id = @id AND status = 1 AND lease_token = @token";

    private const string UnassignSql = "UPDATE queue_items SET assigned_to = NULL WHERE tenant_id = @t AND id = @id" + Unfinished;

    // A lease held by anyone but the new assignee is revoked: the item is ready again, for the assignee only.
    private const string AssignSql =
        "UPDATE queue_items SET assigned_to = @assignee, "
        + "lease_token = CASE WHEN status = 1 AND lease_owner <> @assignee THEN NULL ELSE lease_token END, "
        + "lease_expires_at = CASE WHEN status = 1 AND lease_owner <> @assignee THEN NULL ELSE lease_expires_at END, "
        + "status = CASE WHEN status = 1 AND lease_owner <> @assignee THEN 0 ELSE status END "
        + "WHERE tenant_id = @t AND id = @id" + Unfinished;

    private const string RescheduleMessageSql =
        "UPDATE queue_items SET status = 0, available_at = @at, due_at = @at, lease_token = NULL, lease_expires_at = NULL "
        + "WHERE tenant_id = @t AND queue = @queue AND message_key = @key" + Unfinished;

    /// <summary>
    /// The insert of an outbox message: without a conflict target, so that a pending message with the same key (the
    /// partial unique index <c>ux_queue_items_message_key</c>) is reported like a duplicate id, as no row inserted.
    /// </summary>
    private const string InsertMessageSql =
        "INSERT INTO queue_items (tenant_id, id, queue, priority, due_at, available_at, message_type, payload, idempotency_key, message_key, status, attempts, created_at) "
        + "VALUES (@t, @id, @queue, 0, @due, @available, @type, @payload, @key, @message_key, 0, 0, @now) ON CONFLICT DO NOTHING";

    private List<QueueChange> _changes = [];

    public void Release(Lease lease, DateTimeOffset? availableAt = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, lease.TenantId);
        }

        Stage(QueueChange.ReleaseLease(lease, availableAt));
    }

    public void Assign(Guid itemId, string? assignee) => Stage(QueueChange.AssignItem(itemId, assignee));

    public void Withdraw(Guid itemId) => Stage(QueueChange.WithdrawItem(itemId));

    public void Reschedule(Guid itemId, DateTimeOffset? availableAt, DateTimeOffset? dueAt) => Stage(QueueChange.RescheduleItem(itemId, availableAt, dueAt));

    public void WithdrawMessage(string key) => Stage(QueueChange.WithdrawMessage(key));

    public void RescheduleMessage(string key, DateTimeOffset notBefore) => Stage(QueueChange.RescheduleMessage(key, notBefore));

    private List<QueueChange> TakeChanges()
    {
        var changes = _changes;
        _changes = [];
        return changes;
    }

    private void Stage(QueueChange change)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _changes.Add(change);
    }

    /// <summary>
    /// Builds the statements of the staged changes. Their row counts do not matter (a finished or missing target is left
    /// as it is), except for a release's: it must change its row, or its lease was lost.
    /// </summary>
    private List<Statement> ChangeStatements(IReadOnlyList<QueueChange> changes, DateTimeOffset now)
    {
        var statements = new List<Statement>(changes.Count);
        foreach (var change in changes)
        {
            var statement = change.Kind switch
            {
                QueueChangeKind.WithdrawItem => Dialect.Statement(WithdrawItemSql).Instant("@now", now).Uuid("@id", change.ItemId),
                QueueChangeKind.RescheduleItem => RescheduleItem(change),
                QueueChangeKind.ReleaseLease => Dialect.Statement(ReleaseSql).Instant("@at", change.AvailableAt ?? now).Uuid("@id", change.ItemId).Uuid("@token", change.Lease!.Token),
                QueueChangeKind.AssignItem when change.Assignee is null => Dialect.Statement(UnassignSql).Uuid("@id", change.ItemId),
                QueueChangeKind.AssignItem => Dialect.Statement(AssignSql).Text("@assignee", change.Assignee).Uuid("@id", change.ItemId),
                QueueChangeKind.WithdrawMessage => Dialect.Statement(WithdrawMessageSql).Instant("@now", now).Text("@queue", OutboxMessage.QueueName).Text("@key", change.MessageKey),
                _ => Dialect.Statement(RescheduleMessageSql).Instant("@at", change.AvailableAt).Text("@queue", OutboxMessage.QueueName).Text("@key", change.MessageKey),
            };
            statements.Add(statement.Text("@t", TenantId.Value));
        }

        return statements;
    }

    private Statement RescheduleItem(QueueChange change)
    {
        var set = (change.AvailableAt, change.DueAt) switch
        {
            ({ }, { }) => "available_at = @at, due_at = @due",
            ({ }, null) => "available_at = @at",
            _ => "due_at = @due",
        };
        var statement = Dialect.Statement($"UPDATE queue_items SET {set} WHERE tenant_id = @t AND id = @id" + Unfinished).Uuid("@id", change.ItemId);
        if (change.AvailableAt is { } at)
        {
            statement.Instant("@at", at);
        }

        if (change.DueAt is { } due)
        {
            statement.Instant("@due", due);
        }

        return statement;
    }

    /// <summary>Builds the insert of an outbox message, with its key; the codec encodes the payload.</summary>
    private Statement InsertMessage(OutboxMessage message, QueueItem item, DateTimeOffset now)
        => Dialect.Statement(InsertMessageSql)
            .Text("@t", item.TenantId.Value)
            .Uuid("@id", item.Id)
            .Text("@queue", item.Queue)
            .Instant("@due", StorageTime.Normalize(item.DueAt))
            .Instant("@available", StorageTime.Normalize(item.AvailableAt))
            .Text("@type", item.MessageType)
            .Text("@payload", item.Payload is { } payload ? _runtime.Codec.EncodePayload(item.TenantId, item.Queue, item.MessageType, payload) : null)
            .Text("@key", item.IdempotencyKey)
            .Text("@message_key", message.Key)
            .Instant("@now", now);
}
