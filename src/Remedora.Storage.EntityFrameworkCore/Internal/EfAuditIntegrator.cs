using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Remedora.Storage.EntityFrameworkCore.Internal;

/// <summary>
/// Integrates a tenant's audit backlog into its log on SQLite and PostgreSQL. The lease is a row of
/// <c>audit_integration_leases</c>, taken or renewed with one conditional upsert in its own short transaction; the
/// integration transaction then locks the chain head (<c>FOR UPDATE</c>; SQLite's single writer holds the database),
/// so only integrators ever wait on it, never commits. The records, their tree nodes, the new head and the removal of
/// the backlog rows commit together; a backlog row already removed by another integrator rolls the batch back.
/// </summary>
internal sealed partial class EfAuditIntegrator(StorageRuntime runtime) : IAuditLogIntegrator
{
    /// <summary>How many stored records without tree nodes (a chain written before the tree) one call adds to the tree at most.</summary>
    private const int BackfillBatch = 2000;

    /// <summary>The most backlog rows one transaction integrates.</summary>
    private const int MaxBatch = 5000;

    private const string LeaseSql =
        "INSERT INTO audit_integration_leases (tenant_id, holder, expires_at) VALUES (@t, @h, @exp) "
        + "ON CONFLICT (tenant_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
        + "WHERE audit_integration_leases.holder = excluded.holder OR audit_integration_leases.expires_at <= @now";

    private const string PendingColumns =
        "tenant_id, id, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
        + "source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, "
        + "disclosure_recipient, disclosure_purpose, disclosure_description, @zero, @zero, committed_at";

    private static readonly byte[] Zero = new byte[AuditChain.HashLength];

    private StorageDatabase Database => runtime.Database;

    /// <summary>Gets the provider's logger.</summary>
    public ILogger Logger => runtime.Logger;

    private SqlDialect Dialect => runtime.Database.Dialect;

    /// <inheritdoc/>
    public async Task<AuditIntegrationResult> IntegrateAsync(TenantId tenantId, string holder, int maxRecords, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecords);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = StorageTime.Normalize(runtime.TimeProvider.GetUtcNow());
        var lease = Dialect.Statement(LeaseSql).Text("@t", tenantId.Value).Text("@h", holder).Instant("@exp", now + leaseDuration).Instant("@now", now);
        var acquired = await Database.AutoCommitAsync(
            async (connection, transaction, ct) => (await Dialect.ExecuteAsync(connection, transaction, [lease], ct).ConfigureAwait(false))[0] == 1,
            cancellationToken).ConfigureAwait(false);
        if (!acquired)
        {
            var head = await ReadHeadSequenceAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var backlog = await GetBacklogAsync(tenantId, cancellationToken).ConfigureAwait(false);
            return new AuditIntegrationResult { LeaseAcquired = false, Integrated = 0, TreeSize = head, HasMore = backlog.Count > 0 };
        }

        var take = Math.Min(maxRecords, MaxBatch);
        return await Database.WriteAsync((connection, transaction, ct) => IntegrateCoreAsync(tenantId, take, now, connection, transaction, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<AuditBacklog> GetBacklogAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        var statement = Dialect.Statement("SELECT COUNT(*), MIN(committed_at) FROM audit_pending WHERE tenant_id = @t").Text("@t", tenantId.Value);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                var count = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                return count == 0 ? AuditBacklog.Empty : new AuditBacklog(count, Dialect.ReadNullableInstant(reader, 1));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TenantId>> ListBacklogTenantsAsync(CancellationToken cancellationToken = default)
    {
        return Database.ReadTenantIdsAsync("SELECT DISTINCT tenant_id FROM audit_pending ORDER BY tenant_id", cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReadOnlyMemory<byte>?>> ReadTreeNodesAsync(TenantId tenantId, IReadOnlyList<AuditTreeNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var found = await Database.ReadAsync((connection, ct) => ReadNodesAsync(tenantId, nodes, connection, null, ct), cancellationToken).ConfigureAwait(false);
        return nodes.Select(n => found.TryGetValue(n, out var hash) ? (ReadOnlyMemory<byte>?)hash : null).ToArray();
    }

    /// <summary>Whether the tenant has a backlog (one indexed probe; the read paths of the log call it before reading).</summary>
    public Task<bool> HasBacklogAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement("SELECT 1 FROM audit_pending WHERE tenant_id = @t LIMIT 1").Text("@t", tenantId.Value);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task<AuditIntegrationResult> IntegrateCoreAsync(TenantId tenantId, int take, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var head = await LockHeadAsync(tenantId, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        var treeSize = await ReadTreeSizeAsync(tenantId, connection, transaction, cancellationToken).ConfigureAwait(false);
        var frontierNodes = AuditTree.Frontier(treeSize);
        var stored = await ReadNodesAsync(tenantId, frontierNodes, connection, transaction, cancellationToken).ConfigureAwait(false);
        var frontier = new Dictionary<AuditTreeNode, byte[]>();
        foreach (var node in frontierNodes)
        {
            frontier[node] = stored.TryGetValue(node, out var hash)
                ? hash
                : throw new InvalidOperationException($"The audit tree of tenant '{tenantId}' misses its node at level {node.Level}, index {node.Index}.");
        }

        if (treeSize > head.Sequence)
        {
            throw new InvalidOperationException($"The audit chain head of tenant '{tenantId}' is at record {head.Sequence} but the log's Merkle tree holds {treeSize} records: the head was altered. Verify the tenant's log.");
        }

        if (treeSize < head.Sequence)
        {
            // A chain written before the tree existed (or by an earlier version): its records become the tree's first
            // leaves, in sequence order, before any new record is integrated.
            var records = await ReadRecordsAsync(tenantId, treeSize + 1, (int)Math.Min(BackfillBatch, head.Sequence - treeSize), connection, transaction, cancellationToken).ConfigureAwait(false);
            var nodes = AuditSequencer.Backfill(treeSize, frontier, records);
            await InsertNodesAsync(tenantId, nodes, connection, transaction, cancellationToken).ConfigureAwait(false);
            return new AuditIntegrationResult { LeaseAcquired = true, Integrated = 0, TreeSize = head.Sequence, HasMore = true };
        }

        if (take == 0)
        {
            return new AuditIntegrationResult { LeaseAcquired = true, Integrated = 0, TreeSize = head.Sequence, HasMore = await HasRowsAsync(tenantId, connection, transaction, cancellationToken).ConfigureAwait(false) };
        }

        var (ids, events, oldest, more) = await ReadPendingAsync(tenantId, take, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return new AuditIntegrationResult { LeaseAcquired = true, Integrated = 0, TreeSize = head.Sequence, HasMore = more };
        }

        var batch = AuditSequencer.Seal(head, frontier, events);
        await Dialect.WriteAuditRecordsAsync(connection, transaction, tenantId, batch.Records, now, cancellationToken).ConfigureAwait(false);
        await InsertNodesAsync(tenantId, batch.Nodes, connection, transaction, cancellationToken).ConfigureAwait(false);
        await DeletePendingAsync(tenantId, ids, connection, transaction, cancellationToken).ConfigureAwait(false);
        return new AuditIntegrationResult { LeaseAcquired = true, Integrated = ids.Count, TreeSize = batch.Head.Sequence, HasMore = more, OldestCommittedAt = oldest };
    }

    private async Task<AuditChainHead> LockHeadAsync(TenantId tenantId, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var head = await Dialect.LockAuditHeadAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            var insert = Dialect.Statement(RowMapping.InsertAuditHeadSql).Text("@t", tenantId.Value).Bytes("@hash", AuditChain.GenesisHash.ToArray()).Instant("@now", now);
            await Dialect.ExecuteAsync(connection, transaction, [insert], cancellationToken).ConfigureAwait(false);
            head = await Dialect.LockAuditHeadAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The audit chain head of tenant '{tenantId}' could not be created.");
        }

        if (head.Unreadable is not null)
        {
            // The head row was altered. It is not signed, so it vouches for nothing an attacker with write access could
            // not also forge: continue the chain after its last stored record (verification reports any break there),
            // and the head written by this batch is whole again.
            head = await LastRecordAsync(tenantId, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        return head;
    }

    /// <summary>Reads the tenant's last stored record with an integer sequence as a head (its hash, or 32 zero bytes when that is unreadable too).</summary>
    private async Task<AuditChainHead> LastRecordAsync(TenantId tenantId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Text sorts above every number in SQLite: the upper bound keeps only integer sequences.
        var statement = Dialect.Statement("SELECT sequence, hash FROM audit_records WHERE tenant_id = @t AND sequence >= 1 AND sequence <= 9223372036854775807 ORDER BY sequence DESC LIMIT 1")
            .Text("@t", tenantId.Value);
        await using var command = Dialect.Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new AuditChainHead(0, AuditChain.GenesisHash);
        }

        var last = AuditRowDecoder.ReadHead(reader);
        return last.Unreadable is null ? last : new AuditChainHead(last.Sequence, AuditChain.GenesisHash);
    }

    private async Task<long> ReadTreeSizeAsync(TenantId tenantId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement("SELECT MAX(node_index) FROM audit_tree_nodes WHERE tenant_id = @t AND level = 0").Text("@t", tenantId.Value);
        await using var command = Dialect.Command(connection, transaction, statement);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    private async Task<Dictionary<AuditTreeNode, byte[]>> ReadNodesAsync(TenantId tenantId, IReadOnlyList<AuditTreeNode> nodes, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var found = new Dictionary<AuditTreeNode, byte[]>();
        if (nodes.Count == 0)
        {
            return found;
        }

        var sql = new StringBuilder("SELECT level, node_index, hash FROM audit_tree_nodes WHERE tenant_id = @t AND (");
        var statement = Dialect.Statement(string.Empty).Text("@t", tenantId.Value);
        for (var i = 0; i < nodes.Count; i++)
        {
            var suffix = RowMapping.Invariant(i);
            sql.Append(i == 0 ? string.Empty : " OR ").Append("(level = @l").Append(suffix).Append(" AND node_index = @i").Append(suffix).Append(')');
            statement.Int32("@l" + suffix, nodes[i].Level).Int64("@i" + suffix, nodes[i].Index);
        }

        sql.Append(')');
        var query = Dialect.Statement(sql.ToString());
        query.Parameters.AddRange(statement.Parameters);
        await using var command = Dialect.Command(connection, transaction, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsDBNull(2) || reader.GetValue(2) is not byte[] { Length: AuditChain.HashLength } hash)
            {
                continue;
            }

            found[new AuditTreeNode(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))] = hash;
        }

        return found;
    }

    private async Task<List<AuditRecord>> ReadRecordsAsync(TenantId tenantId, long from, int count, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement($"SELECT {Sql.AuditColumns} FROM audit_records WHERE tenant_id = @t AND sequence >= @from ORDER BY sequence LIMIT {RowMapping.Invariant(count)}")
            .Text("@t", tenantId.Value)
            .Int64("@from", from);
        await using var command = Dialect.Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>(count);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = RowMapping.ReadAuditRecord(reader);
            if (!entry.IsReadable)
            {
                throw new InvalidOperationException($"Audit record {from + records.Count} of tenant '{tenantId}' cannot be read ({entry.Unreadable.Code}), so the Merkle tree cannot be built past record {from + records.Count - 1}. Verify the tenant's log.");
            }

            records.Add(entry.Record);
        }

        return records;
    }

    private async Task<bool> HasRowsAsync(TenantId tenantId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement("SELECT 1 FROM audit_pending WHERE tenant_id = @t LIMIT 1").Text("@t", tenantId.Value);
        await using var command = Dialect.Command(connection, transaction, statement);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not (null or DBNull);
    }

    private async Task<(List<long> Ids, List<AuditEvent> Events, DateTimeOffset? Oldest, bool More)> ReadPendingAsync(TenantId tenantId, int take, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement($"SELECT {PendingColumns} FROM audit_pending WHERE tenant_id = @t ORDER BY commit_key, commit_id, position LIMIT {RowMapping.Invariant(take + 1)}")
            .Bytes("@zero", Zero)
            .Text("@t", tenantId.Value);
        var ids = new List<long>();
        var events = new List<AuditEvent>();
        DateTimeOffset? oldest = null;
        var more = false;
        await using var command = Dialect.Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ids.Count == take)
            {
                more = true;
                break;
            }

            var id = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            var entry = RowMapping.ReadAuditRecord(reader);
            if (!entry.IsReadable)
            {
                if (ids.Count == 0)
                {
                    throw new AuditBacklogUnreadableException(tenantId, id, entry.Unreadable.Code);
                }

                // Integrate what precedes the unreadable row; the next call reports it.
                more = true;
                break;
            }

            oldest ??= Dialect.ReadInstant(reader, 22);
            ids.Add(id);
            events.Add(entry.Record.Event);
        }

        return (ids, events, oldest, more);
    }

    private async Task InsertNodesAsync(TenantId tenantId, List<(AuditTreeNode Node, byte[] Hash)> nodes, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const int PerStatement = 200;
        var statements = new List<Statement>();
        for (var start = 0; start < nodes.Count; start += PerStatement)
        {
            var sql = new StringBuilder("INSERT INTO audit_tree_nodes (tenant_id, level, node_index, hash) VALUES ");
            var statement = Dialect.Statement(string.Empty).Text("@t", tenantId.Value);
            for (var i = start; i < Math.Min(nodes.Count, start + PerStatement); i++)
            {
                var suffix = RowMapping.Invariant(i - start);
                sql.Append(i == start ? string.Empty : ", ").Append("(@t, @l").Append(suffix).Append(", @i").Append(suffix).Append(", @h").Append(suffix).Append(')');
                statement.Int32("@l" + suffix, nodes[i].Node.Level).Int64("@i" + suffix, nodes[i].Node.Index).Bytes("@h" + suffix, nodes[i].Hash);
            }

            var insert = Dialect.Statement(sql.ToString());
            insert.Parameters.AddRange(statement.Parameters);
            statements.Add(insert);
        }

        if (statements.Count > 0)
        {
            await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeletePendingAsync(TenantId tenantId, List<long> ids, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const int PerStatement = 500;
        var statements = new List<Statement>();
        for (var start = 0; start < ids.Count; start += PerStatement)
        {
            var sql = new StringBuilder("DELETE FROM audit_pending WHERE tenant_id = @t AND id IN (");
            var statement = Dialect.Statement(string.Empty).Text("@t", tenantId.Value);
            for (var i = start; i < Math.Min(ids.Count, start + PerStatement); i++)
            {
                var name = "@p" + RowMapping.Invariant(i - start);
                sql.Append(i == start ? string.Empty : ", ").Append(name);
                statement.Int64(name, ids[i]);
            }

            sql.Append(')');
            var delete = Dialect.Statement(sql.ToString());
            delete.Parameters.AddRange(statement.Parameters);
            statements.Add(delete);
        }

        var counts = await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        if (counts.Sum() != ids.Count)
        {
            // Another integrator took some of these rows (a lease that expired under a slow batch): this batch rolls back.
            throw new InvalidOperationException($"The audit backlog of tenant '{tenantId}' was integrated by another integrator at the same time; this batch was rolled back.");
        }
    }

    private Task<long> ReadHeadSequenceAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement("SELECT sequence FROM audit_chain_heads WHERE tenant_id = @t").Text("@t", tenantId.Value);
        return Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return value is long sequence ? sequence : 0;
            },
            cancellationToken);
    }

    /// <summary>Logs that integrating a tenant's backlog before a read failed (the read goes on with the log as integrated).</summary>
    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Integrating the audit backlog of tenant {TenantId} before a read failed ({ErrorType}); the read sees the log as integrated so far")]
    public static partial void CatchUpFailed(ILogger logger, string tenantId, string errorType, Exception exception);
}
