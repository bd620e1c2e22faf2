using System.Data.Common;
using System.Diagnostics;
using System.Text;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Claims with leases, decided in the database. PostgreSQL claims the head of the queue with
/// <c>FOR UPDATE SKIP LOCKED</c> in one statement, so concurrent claimers on many hosts pass each other by; SQLite
/// claims under its single writer with conditional updates and an affected-row check.
/// </summary>
internal sealed class EfWorkQueue(StorageRuntime runtime) : IWorkQueue
{
    private const int MaxClaimBatch = 1000;
    private const string Claimable = "((status = 0 AND available_at <= @now) OR (status = 1 AND lease_expires_at <= @now))";
    private const string LeaseHeld = " WHERE tenant_id = @t AND id = @id AND status = 1 AND lease_token = @token";
    private const string ClaimSet = "status = 1, lease_owner = @owner, lease_token = @token, lease_expires_at = @expires, attempts = attempts + 1";

    private StorageDatabase Database => runtime.Database;

    private SqlDialect Dialect => runtime.Database.Dialect;

    public async Task<ClaimOutcome> ClaimAsync(TenantId tenantId, Guid itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ValidateDuration(leaseDuration);
        var start = Stopwatch.GetTimestamp();
        var outcome = await Database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                var now = runtime.Now();
                var read = Dialect.Statement("SELECT queue, status, available_at, lease_expires_at, assigned_to FROM queue_items WHERE tenant_id = @t AND id = @id" + Dialect.ForUpdate)
                    .Text("@t", tenantId.Value)
                    .Uuid("@id", itemId);
                string queue;
                await using (var command = Dialect.Command(connection, transaction, read))
                {
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        return (new ClaimOutcome(ClaimStatus.NotFound, null), (string?)null);
                    }

                    queue = reader.GetString(0);
                    var status = reader.GetInt32(1);
                    var available = Dialect.ReadInstant(reader, 2);
                    var expires = Dialect.ReadNullableInstant(reader, 3);
                    var assignee = RowMapping.NullableString(reader, 4);
                    if (status == Sql.Leased && expires > now)
                    {
                        return (new ClaimOutcome(ClaimStatus.AlreadyClaimed, null), queue);
                    }

                    var claimable = (status == Sql.Ready && available <= now) || status == Sql.Leased;
                    if (!claimable || (assignee is not null && !string.Equals(assignee, owner, StringComparison.Ordinal)))
                    {
                        return (new ClaimOutcome(ClaimStatus.NotClaimable, null), queue);
                    }
                }

                var token = Guid.NewGuid();
                var expiresAt = StorageTime.Normalize(now + leaseDuration);
                var update = Dialect.Statement($"UPDATE queue_items SET {ClaimSet} WHERE tenant_id = @t AND id = @id RETURNING {Sql.QueueColumns}")
                    .Text("@owner", owner)
                    .Uuid("@token", token)
                    .Instant("@expires", expiresAt)
                    .Text("@t", tenantId.Value)
                    .Uuid("@id", itemId);
                var claimed = await ReadClaimedAsync(connection, transaction, update, owner, ct).ConfigureAwait(false);
                return (new ClaimOutcome(ClaimStatus.Claimed, claimed.Single()), queue);
            },
            cancellationToken).ConfigureAwait(false);
        StorageTelemetry.RecordClaim(outcome.Item2 ?? string.Empty, Stopwatch.GetElapsedTime(start), outcome.Item1.Status);
        return outcome.Item1;
    }

    public async Task<IReadOnlyList<LeasedItem>> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Queue, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner, nameof(request));
        ValidateDuration(request.LeaseDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.MaxItems, MaxClaimBatch, nameof(request));
        var start = Stopwatch.GetTimestamp();
        var claimed = Dialect is PostgreSqlDialect
            ? await ClaimNextPostgreSqlAsync(request, cancellationToken).ConfigureAwait(false)
            : await ClaimNextSqliteAsync(request, cancellationToken).ConfigureAwait(false);
        StorageTelemetry.RecordClaim(request.Queue, Stopwatch.GetElapsedTime(start), claimed.Count);
        return claimed;
    }

    public async Task<Lease> RenewAsync(Lease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ValidateDuration(leaseDuration);
        var expiresAt = StorageTime.Normalize(runtime.TimeProvider.GetUtcNow() + leaseDuration);
        var statement = Dialect.Statement("UPDATE queue_items SET lease_expires_at = @expires" + LeaseHeld).Instant("@expires", expiresAt);
        await ExecuteLeaseAsync(lease, statement, cancellationToken).ConfigureAwait(false);
        return lease with { ExpiresAt = expiresAt };
    }

    public Task ReleaseAsync(Lease lease, DateTimeOffset? availableAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var at = StorageTime.Normalize(availableAt ?? runtime.TimeProvider.GetUtcNow());
        var statement = Dialect.Statement("UPDATE queue_items SET status = 0, available_at = @at, lease_token = NULL, lease_expires_at = NULL" + LeaseHeld).Instant("@at", at);
        return ExecuteLeaseAsync(lease, statement, cancellationToken);
    }

    public Task CompleteAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var statement = Dialect.Statement("UPDATE queue_items SET status = 2, finished_at = @now, lease_token = NULL, lease_expires_at = NULL" + LeaseHeld).Instant("@now", runtime.Now());
        return ExecuteLeaseAsync(lease, statement, cancellationToken);
    }

    public Task FailAsync(Lease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(error);
        var statement = retryAt is { } retry
            ? Dialect.Statement("UPDATE queue_items SET status = 0, available_at = @at, last_error = @error, lease_token = NULL, lease_expires_at = NULL" + LeaseHeld)
                .Instant("@at", StorageTime.Normalize(retry))
            : Dialect.Statement("UPDATE queue_items SET status = 3, finished_at = @at, last_error = @error, lease_token = NULL, lease_expires_at = NULL" + LeaseHeld)
                .Instant("@at", runtime.Now());
        statement.Text("@error", error);
        return ExecuteLeaseAsync(lease, statement, cancellationToken);
    }

    public Task<QueueItem?> GetAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
    {
        var statement = Dialect.Statement($"SELECT {Sql.QueueColumns} FROM queue_items WHERE tenant_id = @t AND id = @id")
            .Text("@t", tenantId.Value)
            .Uuid("@id", itemId);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? RowMapping.ReadQueueItem(Dialect, runtime.Codec, reader, out _) : null;
            },
            cancellationToken);
    }

    public Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.Queue, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        var sql = new StringBuilder($"SELECT {Sql.QueueColumns} FROM queue_items WHERE ");
        var statement = Dialect.Statement(string.Empty);
        if (query.TenantId is { } tenant)
        {
            sql.Append("tenant_id = @t AND ");
            statement.Text("@t", tenant.Value);
        }

        sql.Append("queue = @queue");
        statement.Text("@queue", query.Queue);
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            statement.Int32("@status", (int)status);
        }

        if (query.LeaseOwner is { } owner)
        {
            sql.Append(" AND lease_owner = @owner AND status = 1");
            statement.Text("@owner", owner);
        }

        if (query.ContinuationToken is { } token)
        {
            var (created, id) = ContinuationToken.Decode(token);
            if (created is not DateTimeOffset createdAt || !Guid.TryParse(id, out var lastId))
            {
                throw new ArgumentException("The continuation token does not belong to this listing: pass the token of a previous page of the same listing unchanged.", nameof(query));
            }

            sql.Append(" AND (created_at > @created OR (created_at = @created AND id > @last))");
            statement.Instant("@created", createdAt).Uuid("@last", lastId);
        }

        sql.Append(" ORDER BY created_at, id LIMIT ").Append(RowMapping.Invariant(query.Limit + 1));
        var list = Dialect.Statement(sql.ToString());
        list.Parameters.AddRange(statement.Parameters);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, list);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var items = new List<QueueItem>();
                var more = false;
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    if (items.Count == query.Limit)
                    {
                        more = true;
                        break;
                    }

                    items.Add(RowMapping.ReadQueueItem(Dialect, runtime.Codec, reader, out _));
                }

                var next = more ? ContinuationToken.Encode(items[^1].CreatedAt, items[^1].Id.ToString("D")) : null;
                return new QueuePage(items, next);
            },
            cancellationToken);
    }

    public Task<QueueStatistics> GetStatisticsAsync(string queue, TenantId? tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        var now = runtime.Now();
        var filter = (tenantId is null ? string.Empty : "tenant_id = @t AND ") + "queue = @queue";
        var counts = Dialect.Statement(
            "SELECT "
            + "COALESCE(SUM(CASE WHEN status = 0 THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN status = 1 AND lease_expires_at > @now THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN status = 1 AND lease_expires_at <= @now THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN status = 3 THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN status IN (0, 1) AND due_at < @now THEN 1 ELSE 0 END), 0), "
            + "MIN(CASE WHEN status = 0 AND available_at <= @now THEN available_at WHEN status = 1 AND lease_expires_at <= @now THEN lease_expires_at END) "
            + $"FROM queue_items WHERE {filter} AND status IN (0, 1, 3)");
        var byPriority = Dialect.Statement($"SELECT priority, COUNT(*) FROM queue_items WHERE {filter} AND status IN (0, 1) GROUP BY priority");
        foreach (var statement in new[] { counts, byPriority })
        {
            if (tenantId is { } tenant)
            {
                statement.Text("@t", tenant.Value);
            }

            statement.Text("@queue", queue);
        }

        counts.Instant("@now", now);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                QueueStatistics statistics;
                await using (var command = Dialect.Command(connection, null, counts))
                {
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.ReadAsync(ct).ConfigureAwait(false);
                    statistics = new QueueStatistics
                    {
                        Ready = reader.GetInt64(0),
                        Leased = reader.GetInt64(1),
                        Expired = reader.GetInt64(2),
                        DeadLettered = reader.GetInt64(3),
                        Overdue = reader.GetInt64(4),
                        OldestClaimableSince = Dialect.ReadNullableInstant(reader, 5),
                    };
                }

                var priorities = new Dictionary<int, long>();
                await using (var command = Dialect.Command(connection, null, byPriority))
                {
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        priorities[reader.GetInt32(0)] = reader.GetInt64(1);
                    }
                }

                return statistics with { UnfinishedByPriority = priorities };
            },
            cancellationToken);
    }

    public Task<bool> RequeueAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
        => ExecuteItemAsync(
            Dialect.Statement("UPDATE queue_items SET status = 0, attempts = 0, available_at = @now, finished_at = NULL, lease_token = NULL, lease_expires_at = NULL WHERE tenant_id = @t AND id = @id AND status IN (3, 4)"
                + " AND (message_key IS NULL OR NOT EXISTS (SELECT 1 FROM queue_items AS p WHERE p.tenant_id = queue_items.tenant_id AND p.queue = queue_items.queue AND p.message_key = queue_items.message_key AND p.status IN (0, 1)))")
                .Instant("@now", runtime.Now()),
            tenantId,
            itemId,
            cancellationToken);

    public Task<bool> CancelAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
        => ExecuteItemAsync(
            Dialect.Statement("UPDATE queue_items SET status = 4, finished_at = @now, lease_token = NULL, lease_expires_at = NULL WHERE tenant_id = @t AND id = @id AND status IN (0, 1)")
                .Instant("@now", runtime.Now()),
            tenantId,
            itemId,
            cancellationToken);

    public Task<bool> AssignAsync(TenantId tenantId, Guid itemId, string? assignee, CancellationToken cancellationToken = default)
    {
        if (assignee is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        }

        // A lease held by anyone but the new assignee is revoked: the item is ready again, for the assignee only.
        var statement = assignee is null
            ? Dialect.Statement("UPDATE queue_items SET assigned_to = NULL WHERE tenant_id = @t AND id = @id AND status IN (0, 1)")
            : Dialect.Statement(
                "UPDATE queue_items SET assigned_to = @assignee, "
                + "lease_token = CASE WHEN status = 1 AND lease_owner <> @assignee THEN NULL ELSE lease_token END, "
                + "lease_expires_at = CASE WHEN status = 1 AND lease_owner <> @assignee THEN NULL ELSE lease_expires_at END, "
                + "status = CASE WHEN status = 1 AND lease_owner <> @assignee THEN 0 ELSE status END "
                + "WHERE tenant_id = @t AND id = @id AND status IN (0, 1)").Text("@assignee", assignee);
        return ExecuteItemAsync(statement, tenantId, itemId, cancellationToken);
    }

    private static void ValidateDuration(TimeSpan leaseDuration)
    {
        if (leaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "A lease lasts a positive time.");
        }
    }

    private static string InList(Statement statement, string prefix, IReadOnlyCollection<string> values)
    {
        var names = new StringBuilder();
        var i = 0;
        foreach (var value in values)
        {
            var name = prefix + RowMapping.Invariant(i++);
            names.Append(names.Length == 0 ? string.Empty : ", ").Append(name);
            statement.Text(name, value);
        }

        return names.ToString();
    }

    private static (string Where, Statement Parameters) BuildClaimFilter(SqlDialect dialect, ClaimRequest request, DateTimeOffset now)
    {
        var parameters = dialect.Statement(string.Empty);
        var where = new StringBuilder();
        if (request.TenantId is { } tenant)
        {
            where.Append("tenant_id = @t AND ");
            parameters.Text("@t", tenant.Value);
        }

        where.Append("queue = @queue AND status IN (0, 1) AND ").Append(Claimable).Append(" AND (assigned_to IS NULL OR assigned_to = @owner)");
        parameters.Text("@queue", request.Queue).Instant("@now", now).Text("@owner", request.Owner);
        Route(where, parameters, "jurisdiction", "@j", request.Jurisdictions);
        Route(where, parameters, "skill", "@s", request.Skills);
        Route(where, parameters, "pool", "@p", request.Pools);
        return (where.ToString(), parameters);
    }

    private static void Route(StringBuilder where, Statement parameters, string column, string prefix, IReadOnlyCollection<string>? allowed)
    {
        if (allowed is null)
        {
            return;
        }

        where.Append(" AND (").Append(column).Append(" IS NULL");
        if (allowed.Count > 0)
        {
            where.Append(" OR ").Append(column).Append(" IN (").Append(InList(parameters, prefix, allowed)).Append(')');
        }

        where.Append(')');
    }

    private static List<LeasedItem> InClaimOrder(List<LeasedItem> items)
    {
        if (items.Count > 1)
        {
            items.Sort(static (a, b) =>
            {
                var c = b.Item.Priority.CompareTo(a.Item.Priority);
                if (c == 0)
                {
                    c = a.Item.DueAt.CompareTo(b.Item.DueAt);
                }

                return c != 0 ? c : string.CompareOrdinal(a.Item.Id.ToString("D"), b.Item.Id.ToString("D"));
            });
        }

        return items;
    }

    private async Task<List<LeasedItem>> ClaimNextPostgreSqlAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        var now = runtime.Now();
        var (where, parameters) = BuildClaimFilter(Dialect, request, now);
        var sql =
            $"WITH c AS (SELECT tenant_id, id FROM queue_items WHERE {where} ORDER BY priority DESC, due_at, id LIMIT {RowMapping.Invariant(request.MaxItems)} FOR UPDATE SKIP LOCKED) "
            + "UPDATE queue_items AS q SET status = 1, lease_owner = @owner, lease_token = gen_random_uuid(), lease_expires_at = @expires, attempts = q.attempts + 1 "
            + $"FROM c WHERE q.tenant_id = c.tenant_id AND q.id = c.id RETURNING {Sql.Prefixed(Sql.QueueColumns, "q")}";
        var statement = Dialect.Statement(sql).Instant("@expires", StorageTime.Normalize(now + request.LeaseDuration));
        statement.Parameters.AddRange(parameters.Parameters);
        var claimed = await Database.AutoCommitAsync((connection, transaction, ct) => ReadClaimedAsync(connection, transaction, statement, request.Owner, ct), cancellationToken).ConfigureAwait(false);
        return InClaimOrder(claimed);
    }

    private Task<List<LeasedItem>> ClaimNextSqliteAsync(ClaimRequest request, CancellationToken cancellationToken)
        => Database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                // The writer gate and BEGIN IMMEDIATE make this transaction the only writer; the conditional update and its
                // affected-row check keep the claim correct even so.
                var now = runtime.Now();
                var (where, parameters) = BuildClaimFilter(Dialect, request, now);
                var select = Dialect.Statement($"SELECT tenant_id, id FROM queue_items WHERE {where} ORDER BY priority DESC, due_at, id LIMIT {RowMapping.Invariant(request.MaxItems)}");
                select.Parameters.AddRange(parameters.Parameters);
                var candidates = new List<(string Tenant, Guid Id)>(request.MaxItems);
                await using (var command = Dialect.Command(connection, transaction, select))
                {
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        candidates.Add((reader.GetString(0), Dialect.ReadUuid(reader, 1)));
                    }
                }

                var claimed = new List<LeasedItem>(candidates.Count);
                var expiresAt = StorageTime.Normalize(now + request.LeaseDuration);
                foreach (var (tenant, id) in candidates)
                {
                    var update = Dialect.Statement($"UPDATE queue_items SET {ClaimSet} WHERE tenant_id = @t AND id = @id AND {Claimable} RETURNING {Sql.QueueColumns}")
                        .Text("@owner", request.Owner)
                        .Uuid("@token", Guid.NewGuid())
                        .Instant("@expires", expiresAt)
                        .Text("@t", tenant)
                        .Uuid("@id", id)
                        .Instant("@now", now);
                    claimed.AddRange(await ReadClaimedAsync(connection, transaction, update, request.Owner, ct).ConfigureAwait(false));
                }

                return claimed;
            },
            cancellationToken);

    private async Task<List<LeasedItem>> ReadClaimedAsync(DbConnection connection, DbTransaction? transaction, Statement statement, string owner, CancellationToken cancellationToken)
    {
        var claimed = new List<LeasedItem>();
        await using var command = Dialect.Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = RowMapping.ReadQueueItem(Dialect, runtime.Codec, reader, out var token);
            var lease = new Lease(item.TenantId, item.Queue, item.Id, owner, token!.Value, item.LeaseExpiresAt!.Value, item.Attempts);
            claimed.Add(new LeasedItem(lease, item));
        }

        return claimed;
    }

    private async Task ExecuteLeaseAsync(Lease lease, Statement statement, CancellationToken cancellationToken)
    {
        statement.Text("@t", lease.TenantId.Value).Uuid("@id", lease.ItemId).Uuid("@token", lease.Token);
        var counts = await Database.AutoCommitAsync((connection, transaction, ct) => Dialect.ExecuteAsync(connection, transaction, [statement], ct), cancellationToken).ConfigureAwait(false);
        if (counts[0] != 1)
        {
            throw new LeaseLostException(lease);
        }
    }

    private async Task<bool> ExecuteItemAsync(Statement statement, TenantId tenantId, Guid itemId, CancellationToken cancellationToken)
    {
        statement.Text("@t", tenantId.Value).Uuid("@id", itemId);
        var counts = await Database.AutoCommitAsync((connection, transaction, ct) => Dialect.ExecuteAsync(connection, transaction, [statement], ct), cancellationToken).ConfigureAwait(false);
        return counts[0] == 1;
    }
}
