using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage : IAuditLogIntegrator
{
    /// <summary>How long the lease of a read that integrates the backlog first lasts.</summary>
    private static readonly TimeSpan CatchUpLease = TimeSpan.FromSeconds(30);

    private readonly string _holder = "in-memory:" + Guid.NewGuid().ToString("N");

    /// <inheritdoc/>
    public Task<AuditIntegrationResult> IntegrateAsync(TenantId tenantId, string holder, int maxRecords, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecords);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return WriteAsync((state, now) => Integrate(state, now, tenantId, holder, maxRecords, leaseDuration), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AuditBacklog> GetBacklogAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(State.Audit.TryGetValue(tenantId, out var log) && log.Pending.Count > 0
            ? new AuditBacklog(log.Pending.Count, log.Pending[0].CommittedAt)
            : AuditBacklog.Empty);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TenantId>> ListBacklogTenantsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<TenantId> tenants = State.Audit.Where(a => a.Value.Pending.Count > 0).Select(a => a.Key).OrderBy(t => t.Value, StringComparer.Ordinal).ToArray();
        return Task.FromResult(tenants);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReadOnlyMemory<byte>?>> ReadTreeNodesAsync(TenantId tenantId, IReadOnlyList<AuditTreeNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = State.Audit.TryGetValue(tenantId, out var log) ? log.Nodes : ImmutableDictionary<AuditTreeNode, byte[]>.Empty;
        IReadOnlyList<ReadOnlyMemory<byte>?> hashes = nodes.Select(n => stored.TryGetValue(n, out var hash) ? (ReadOnlyMemory<byte>?)hash.ToArray() : null).ToArray();
        return Task.FromResult(hashes);
    }

    /// <summary>Encodes a commit's audit events for the backlog (the codec encrypts the free-text fields of a protecting configuration).</summary>
    private static ImmutableList<PendingAuditRecord> EncodeAudit(CommitBatch batch, IDocumentCodec codec, DateTimeOffset now)
    {
        if (batch.Audit.Count == 0)
        {
            return [];
        }

        var pending = ImmutableList.CreateBuilder<PendingAuditRecord>();
        foreach (var auditEvent in batch.Audit)
        {
            pending.Add(new PendingAuditRecord(AuditChain.Normalize(codec.EncodeAuditEvent(auditEvent)), now));
        }

        return pending.ToImmutable();
    }

    /// <summary>Adds a commit's records to the tenant's backlog: no sequence number, no hash, nothing other commits wait on.</summary>
    private static ImmutableDictionary<TenantId, TenantAuditLog> AddToBacklog(ImmutableDictionary<TenantId, TenantAuditLog> audit, TenantId tenantId, ImmutableList<PendingAuditRecord> pending)
    {
        if (pending.Count == 0)
        {
            return audit;
        }

        var log = audit.TryGetValue(tenantId, out var existing) ? existing : TenantAuditLog.Empty;
        return audit.SetItem(tenantId, log with { Pending = log.Pending.AddRange(pending) });
    }

    private static (StoreState Next, AuditIntegrationResult Result) Integrate(StoreState state, DateTimeOffset now, TenantId tenantId, string holder, int maxRecords, TimeSpan leaseDuration)
    {
        var log = state.Audit.TryGetValue(tenantId, out var existing) ? existing : TenantAuditLog.Empty;
        if (log.LeaseHolder is not null && log.LeaseHolder != holder && log.LeaseExpiresAt > now)
        {
            return (state, new AuditIntegrationResult { LeaseAcquired = false, Integrated = 0, TreeSize = log.Head.Sequence, HasMore = log.Pending.Count > 0 });
        }

        var take = Math.Min(maxRecords, log.Pending.Count);
        var batch = log.Pending.GetRange(0, take);
        var frontier = AuditTree.Frontier(log.Head.Sequence).ToDictionary(n => n, n => log.Nodes[n]);
        var sealedBatch = AuditSequencer.Seal(log.Head, frontier, batch.Select(p => p.Event).ToArray());
        var nodes = log.Nodes.SetItems(sealedBatch.Nodes.Select(n => KeyValuePair.Create(n.Node, n.Hash)));
        var next = log with
        {
            Records = log.Records.AddRange(sealedBatch.Records),
            Head = sealedBatch.Head,
            Pending = log.Pending.RemoveRange(0, take),
            Nodes = nodes,
            LeaseHolder = holder,
            LeaseExpiresAt = now + leaseDuration,
        };
        var result = new AuditIntegrationResult
        {
            LeaseAcquired = true,
            Integrated = take,
            TreeSize = next.Head.Sequence,
            HasMore = next.Pending.Count > 0,
            OldestCommittedAt = take > 0 ? batch[0].CommittedAt : null,
        };
        return (state with { Audit = state.Audit.SetItem(tenantId, next) }, result);
    }

    /// <summary>
    /// Before a read of the log: integrates the tenant's whole backlog when no other holder has the lease, so a reader
    /// in this process sees every record committed before the read. When another holder integrates the tenant, the
    /// read sees what it has integrated so far and verification reports the rest as backlog.
    /// </summary>
    private void CatchUp(TenantId tenantId)
    {
        if (!State.Audit.TryGetValue(tenantId, out var log) || log.Pending.Count == 0)
        {
            return;
        }

        lock (_writeGate)
        {
            var (next, _) = Integrate(_state, Now(), tenantId, _holder, int.MaxValue, CatchUpLease);
            Volatile.Write(ref _state, next);
        }
    }
}
