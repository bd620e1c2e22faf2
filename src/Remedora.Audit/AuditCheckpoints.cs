using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Remedora.Access;
using Remedora.Audit.Proofs;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Takes signed checkpoints of a tenant's audit chain head and imports saved ones. Taking a checkpoint is an export of
/// the audit log: it is access-checked (administrators with a purpose of use and the system) and audited.
/// </summary>
public sealed class AuditCheckpoints
{
    private readonly AuditServices _services;
    private readonly IAuditCheckpointSigner? _signer;
    private readonly ILogger _logger;
    private readonly IAuditLogIntegrator? _integrator;
    private readonly string _holder = "checkpoints:" + Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    /// <summary>Initializes a new instance of the <see cref="AuditCheckpoints"/> class.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, used to audit the export.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock that dates checkpoints.</param>
    /// <param name="signer">The signer; <see langword="null"/> when no key is configured (taking a checkpoint then fails).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="integrator">
    /// The provider's integrator, whose Merkle tree gives each checkpoint its root hash; when <see langword="null"/>,
    /// the store's own when it is one, otherwise checkpoints have no root hash (format <see cref="AuditCheckpoint.ChainOnlyFormat"/>).
    /// </param>
    public AuditCheckpoints(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider, IAuditCheckpointSigner? signer = null, ILogger<AuditCheckpoints>? logger = null, IAuditLogIntegrator? integrator = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _services = new AuditServices(store, sessions, guard, timeProvider);
        _signer = signer;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _integrator = integrator ?? store as IAuditLogIntegrator;
    }

    /// <summary>Takes a signed checkpoint of the actor's tenant's chain head.</summary>
    /// <param name="actor">Who takes it: an administrator with a purpose of use, or the system.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The checkpoint; save <see cref="AuditCheckpoint.Export"/> outside the database.</returns>
    /// <exception cref="AuditCheckpointSignerMissingException">No signing key is configured.</exception>
    /// <exception cref="AccessDeniedException">The actor may not export the audit log.</exception>
    public async Task<AuditCheckpoint> CreateAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var signer = _signer ?? throw new AuditCheckpointSignerMissingException();
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        var head = await _services.Store.GetHeadAsync(actor.TenantId, cancellationToken).ConfigureAwait(false);
        await AuditLogAccess.AuthorizeLogWideAsync(_services, session, actor, AccessAction.Export, $"checkpoint:{head.Sequence}", cancellationToken).ConfigureAwait(false);

        var rootHash = await RootHashAsync(actor.TenantId, head.Sequence, cancellationToken).ConfigureAwait(false);
        var createdAt = StorageTime.Normalize(_services.TimeProvider.GetUtcNow());
        var payload = AuditCheckpoint.BuildPayload(actor.TenantId, head.Sequence, head.Hash.Span, rootHash, createdAt, signer.Algorithm, signer.KeyId);
        var signature = await signer.SignAsync(payload, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        AuditLog.CheckpointCreated(_logger, actor.TenantId.Value, head.Sequence, signer.KeyId);
        return new AuditCheckpoint
        {
            TenantId = actor.TenantId,
            Sequence = head.Sequence,
            Hash = head.Hash.ToArray(),
            RootHash = rootHash,
            CreatedAt = createdAt,
            Algorithm = signer.Algorithm,
            KeyId = signer.KeyId,
            Signature = signature,
        };
    }

    /// <summary>Imports a saved checkpoint and checks its signature.</summary>
    /// <param name="exported">The text <see cref="AuditCheckpoint.Export"/> produced.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The checkpoint, for <see cref="AuditChainVerifier.VerifyAsync(TenantId, AuditCheckpoint?, CancellationToken)"/>.</returns>
    /// <exception cref="AuditCheckpointInvalidException">The text is malformed or the signature does not verify.</exception>
    /// <exception cref="AuditCheckpointSignerMissingException">No signer is configured to check it.</exception>
    public async Task<AuditCheckpoint> ImportAsync(string exported, CancellationToken cancellationToken = default)
    {
        var signer = _signer ?? throw new AuditCheckpointSignerMissingException();
        var checkpoint = AuditCheckpoint.Parse(exported);
        if (!await AuditCheckpoint.VerifySignatureAsync(checkpoint, signer, cancellationToken).ConfigureAwait(false))
        {
            throw new AuditCheckpointInvalidException($"The signature of the checkpoint at sequence {checkpoint.Sequence} of tenant '{checkpoint.TenantId}' does not verify with key '{checkpoint.KeyId}' ({checkpoint.Algorithm}). The checkpoint was altered or signed with a key this application does not know.");
        }

        return checkpoint;
    }

    /// <summary>
    /// Computes the root hash of the tenant's Merkle tree at the head's size, after integrating what this host may
    /// (the tree of a chain written before it existed is backfilled first); empty when there is no integrator or the
    /// tree does not reach that size yet, so the checkpoint carries the chain head only.
    /// </summary>
    private async Task<byte[]> RootHashAsync(TenantId tenantId, long size, CancellationToken cancellationToken)
    {
        if (_integrator is null)
        {
            return [];
        }

        try
        {
            await AuditProofs.CatchUpAsync(_integrator, tenantId, _holder, cancellationToken).ConfigureAwait(false);
            return await AuditProofs.ComputeRootAsync(_integrator, tenantId, size, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An incomplete or unreadable tree (another host still backfills it, or it was altered) leaves the checkpoint
            // without a root hash: the chain head still vouches for the log, and verification reports any break.
            AuditLog.CheckpointWithoutRoot(_logger, tenantId.Value, size, ex.GetType().Name);
            return [];
        }
    }
}
