using System.Runtime.CompilerServices;
using System.Text;
using Remedora.Storage.EntityFrameworkCore.Internal;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Reads the audit log: the chain in pages (so memory does not grow with the log), the head, and the report queries.</summary>
internal sealed class EfAuditLogStore(StorageRuntime runtime, EfAuditIntegrator integrator) : IAuditLogStore
{
    /// <summary>How long the lease of a read that integrates the backlog first lasts.</summary>
    private static readonly TimeSpan CatchUpLease = TimeSpan.FromSeconds(30);

    private readonly string _holder = "reader:" + Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    private const int ChainPageSize = 500;
    private const int MaxQueryLimit = 1000;

    private StorageDatabase Database => runtime.Database;

    private SqlDialect Dialect => runtime.Database.Dialect;

    public async IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(1, fromSequence);
        await CatchUpAsync(tenantId, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var statement = Dialect.Statement($"SELECT {Sql.AuditColumns} FROM audit_records WHERE tenant_id = @t AND sequence >= @from ORDER BY sequence LIMIT {RowMapping.Invariant(ChainPageSize)}")
                .Text("@t", tenantId.Value)
                .Int64("@from", next);
            var page = await ReadRowsAsync(statement, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return entry;
            }

            // A row whose sequence is not an integer (SQLite keeps whatever is written) cannot place the next page:
            // text and blobs sort after every number, so such a row ends the chain as far as keyset paging can read.
            if (page.Count < ChainPageSize || page[^1].Sequence is not long last || last == long.MaxValue)
            {
                yield break;
            }

            next = last + 1;
        }
    }

    public async Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var statement = Dialect.Statement("SELECT sequence, hash FROM audit_chain_heads WHERE tenant_id = @t").Text("@t", tenantId.Value);
        return await Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false)
                    ? AuditRowDecoder.ReadHead(reader)
                    : new AuditChainHead(0, AuditChain.GenesisHash);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxQueryLimit, nameof(query));
        await CatchUpAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var sql = new StringBuilder($"SELECT {Sql.AuditColumns} FROM audit_records WHERE tenant_id = @t");
        var parameters = Dialect.Statement(string.Empty).Text("@t", tenantId.Value);
        if (query.PatientId is { } patient)
        {
            sql.Append(" AND patient_id = @patient");
            parameters.Uuid("@patient", patient.Value);
        }

        if (query.ActorId is { } actor)
        {
            sql.Append(" AND actor_id = @actor");
            parameters.Text("@actor", actor);
        }

        if (query.From is { } from)
        {
            sql.Append(" AND occurred_at >= @from");
            parameters.Instant("@from", StorageTime.Normalize(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND occurred_at < @to");
            parameters.Instant("@to", StorageTime.Normalize(to));
        }

        if (query.Action is { } action)
        {
            sql.Append(" AND action = @action");
            parameters.Text("@action", action.ToString());
        }

        if (query.Outcome is { } outcome)
        {
            sql.Append(" AND outcome = @outcome");
            parameters.Text("@outcome", outcome.ToString());
        }

        if (query.ContinuationToken is { } token)
        {
            var (before, _) = ContinuationToken.Decode(token);
            if (before is not long sequence)
            {
                throw new ArgumentException("The continuation token does not belong to this query: pass the token of a previous page of the same query unchanged.", nameof(query));
            }

            sql.Append(" AND sequence < @before");
            parameters.Int64("@before", sequence);
        }

        sql.Append(" ORDER BY sequence DESC LIMIT ").Append(RowMapping.Invariant(query.Limit + 1));
        var statement = Dialect.Statement(sql.ToString());
        statement.Parameters.AddRange(parameters.Parameters);
        var rows = await ReadRowsAsync(statement, cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);

            // Keyset paging needs the last row's sequence; a row whose sequence cannot be read (only SQLite can hold one)
            // sorts before every number in this descending order, so the page before it is the last that can be placed.
            next = rows[^1].Sequence is long last ? ContinuationToken.Encode(last, "audit") : null;
        }

        var records = rows.Where(r => r.IsReadable).Select(r => r.Record!).ToList();
        var unreadable = rows.Where(r => !r.IsReadable).Select(r => r.Unreadable!).ToList();
        return new AuditRecordPage(records, next) { Unreadable = unreadable };
    }

    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        return Database.ReadTenantIdsAsync("SELECT tenant_id FROM audit_chain_heads WHERE sequence > 0 UNION SELECT tenant_id FROM audit_pending ORDER BY tenant_id", cancellationToken);
    }

    /// <summary>
    /// Before a read of the log: integrates the tenant's backlog when no other host holds its lease, so a reader sees
    /// every record committed before the read. When another host integrates the tenant, the read sees what that host
    /// has integrated so far, and verification reports the rest as backlog.
    /// </summary>
    private async Task CatchUpAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        try
        {
            while (await integrator.HasBacklogAsync(tenantId, cancellationToken).ConfigureAwait(false))
            {
                var result = await integrator.IntegrateAsync(tenantId, _holder, int.MaxValue, CatchUpLease, cancellationToken).ConfigureAwait(false);
                if (!result.LeaseAcquired || (result.Integrated == 0 && !result.HasMore))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reading never fails on stored data: a backlog that cannot be integrated (an altered head or backlog row)
            // stays where it is, and verification reports it with the break that stops it.
            EfAuditIntegrator.CatchUpFailed(integrator.Logger, tenantId.Value, ex.GetType().Name, ex);
        }
    }

    private Task<List<AuditChainEntry>> ReadRowsAsync(Statement statement, CancellationToken cancellationToken)
        => Database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var records = new List<AuditChainEntry>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    records.Add(RowMapping.ReadAuditRecord(reader));
                }

                return records;
            },
            cancellationToken);
}
