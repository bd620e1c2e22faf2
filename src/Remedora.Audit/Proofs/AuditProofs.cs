using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit.Proofs;

/// <summary>
/// Produces inclusion and consistency proofs of a tenant's audit log from the tree nodes the integrator stores: each
/// proof reads a logarithmic number of nodes. Producing a proof is a log-wide export: allowed to the system and to
/// administrators who state a purpose of use, and audited like every access.
/// </summary>
public sealed class AuditProofs
{
    private static readonly TimeSpan CatchUpLease = TimeSpan.FromSeconds(30);

    private readonly AuditServices _services;
    private readonly IAuditLogIntegrator _integrator;
    private readonly string _holder = "proofs:" + Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    /// <summary>Initializes a new instance of the <see cref="AuditProofs"/> class.</summary>
    /// <param name="store">The audit log.</param>
    /// <param name="integrator">The provider's integrator (it stores the tree).</param>
    /// <param name="sessions">Opens the sessions that audit each request.</param>
    /// <param name="guard">Authorises each request.</param>
    /// <param name="timeProvider">The clock.</param>
    public AuditProofs(IAuditLogStore store, IAuditLogIntegrator integrator, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _services = new AuditServices(store, sessions, guard, timeProvider);
        _integrator = integrator;
    }

    /// <summary>Proves that a record is in the tenant's log of <paramref name="treeSize"/> records (the size of a checkpoint).</summary>
    /// <param name="actor">Who asks: the system, or an administrator with a purpose of use.</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="treeSize">The tree size to prove against, at least <paramref name="sequence"/>.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="AuditProofInvalidException">The record or size is outside the log, or its tree is not complete yet.</exception>
    public async Task<AuditInclusionProof> GetInclusionProofAsync(ActorContext actor, long sequence, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        await AuditLogAccess.AuthorizeLogWideAsync(_services, session, actor, AccessAction.Export, $"inclusion-proof:{sequence}@{treeSize}", cancellationToken).ConfigureAwait(false);
        var size = await CatchUpAsync(actor.TenantId, cancellationToken).ConfigureAwait(false);
        if (sequence < 1 || treeSize < sequence || treeSize > size)
        {
            throw new AuditProofInvalidException($"Record {sequence} in a tree of {treeSize} records is outside tenant '{actor.TenantId}''s log, which has {size} integrated records.");
        }

        AuditRecord? record = null;
        await foreach (var entry in _services.Store.ReadChainAsync(actor.TenantId, sequence, cancellationToken).ConfigureAwait(false))
        {
            record = entry.Record is { } r && r.Sequence == sequence ? r : null;
            break;
        }

        if (record is null)
        {
            throw new AuditProofInvalidException($"Record {sequence} of tenant '{actor.TenantId}' cannot be read: verify the tenant's log.");
        }

        var path = await InclusionPathAsync(_integrator, actor.TenantId, sequence, treeSize, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AuditInclusionProof
        {
            TenantId = actor.TenantId,
            Sequence = sequence,
            TreeSize = treeSize,
            Leaf = AuditChain.GetCanonicalBytes(record.Sequence, record.Event),
            Path = path,
        };
    }

    /// <summary>Proves that the tenant's log at <paramref name="secondSize"/> records extends the log at <paramref name="firstSize"/>.</summary>
    /// <param name="actor">Who asks: the system, or an administrator with a purpose of use.</param>
    /// <param name="firstSize">The earlier size (at least 1).</param>
    /// <param name="secondSize">The later size.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="AuditProofInvalidException">A size is outside the log, or its tree is not complete yet.</exception>
    public async Task<AuditConsistencyProof> GetConsistencyProofAsync(ActorContext actor, long firstSize, long secondSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        await AuditLogAccess.AuthorizeLogWideAsync(_services, session, actor, AccessAction.Export, $"consistency-proof:{firstSize}-{secondSize}", cancellationToken).ConfigureAwait(false);
        var size = await CatchUpAsync(actor.TenantId, cancellationToken).ConfigureAwait(false);
        if (firstSize < 1 || secondSize < firstSize || secondSize > size)
        {
            throw new AuditProofInvalidException($"Sizes {firstSize} and {secondSize} are outside tenant '{actor.TenantId}''s log, which has {size} integrated records.");
        }

        var path = await HashRangesAsync(actor.TenantId, MerkleRanges.Consistency(firstSize, secondSize), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AuditConsistencyProof { TenantId = actor.TenantId, FirstSize = firstSize, SecondSize = secondSize, Path = path };
    }

    /// <summary>Builds the audit path of a record in a tree of a size from the stored nodes.</summary>
    internal static Task<IReadOnlyList<ReadOnlyMemory<byte>>> InclusionPathAsync(IAuditLogIntegrator integrator, TenantId tenantId, long sequence, long treeSize, CancellationToken cancellationToken)
        => HashRangesAsync(integrator, tenantId, MerkleRanges.Inclusion(sequence - 1, treeSize), cancellationToken);

    /// <summary>Computes the root hash of a tenant's tree at a size from the stored nodes (the empty tree's for size 0).</summary>
    internal static async Task<byte[]> ComputeRootAsync(IAuditLogIntegrator integrator, TenantId tenantId, long size, CancellationToken cancellationToken)
    {
        if (size == 0)
        {
            return System.Security.Cryptography.SHA256.HashData([]);
        }

        var hashes = await HashRangesAsync(integrator, tenantId, [(0, size)], cancellationToken).ConfigureAwait(false);
        return hashes[0].ToArray();
    }

    /// <summary>Integrates the tenant's backlog and tree when no other host holds the lease; returns the integrated size.</summary>
    internal static async Task<long> CatchUpAsync(IAuditLogIntegrator integrator, TenantId tenantId, string holder, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await integrator.IntegrateAsync(tenantId, holder, int.MaxValue, CatchUpLease, cancellationToken).ConfigureAwait(false);
            if (!result.LeaseAcquired || !result.HasMore || (result.Integrated == 0 && result.TreeSize == 0))
            {
                return result.TreeSize;
            }
        }
    }

    private Task<long> CatchUpAsync(TenantId tenantId, CancellationToken cancellationToken)
        => CatchUpAsync(_integrator, tenantId, _holder, cancellationToken);

    private Task<IReadOnlyList<ReadOnlyMemory<byte>>> HashRangesAsync(TenantId tenantId, List<(long Start, long End)> ranges, CancellationToken cancellationToken)
        => HashRangesAsync(_integrator, tenantId, ranges, cancellationToken);

    private static async Task<IReadOnlyList<ReadOnlyMemory<byte>>> HashRangesAsync(IAuditLogIntegrator integrator, TenantId tenantId, List<(long Start, long End)> ranges, CancellationToken cancellationToken)
    {
        var perRange = ranges.Select(r => MerkleRanges.Nodes(r.Start, r.End)).ToList();
        var all = perRange.SelectMany(n => n).Distinct().ToList();
        var stored = await integrator.ReadTreeNodesAsync(tenantId, all, cancellationToken).ConfigureAwait(false);
        var byNode = new Dictionary<AuditTreeNode, ReadOnlyMemory<byte>>();
        for (var i = 0; i < all.Count; i++)
        {
            byNode[all[i]] = stored[i] ?? throw new AuditProofInvalidException($"The audit tree of tenant '{tenantId}' has no node at level {all[i].Level}, index {all[i].Index} yet: its integration or backfill is not complete. Try again once the integrator has caught up.");
        }

        return perRange.Select(nodes => (ReadOnlyMemory<byte>)MerkleRanges.Combine(nodes.Select(n => byNode[n]).ToArray())).ToArray();
    }
}
