using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>The outcome of verifying one tenant's audit chain.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Gets the tenant whose chain was verified.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the number of records read and found intact before the first break (all of them when the chain is intact).</summary>
    public required long RecordsVerified { get; init; }

    /// <summary>Gets the chain head as it was read before verification started.</summary>
    public required AuditChainHead Head { get; init; }

    /// <summary>Gets the first break found.</summary>
    /// <value>The break; <see langword="null"/> when the chain is intact.</value>
    public AuditChainBreak? Break { get; init; }

    /// <summary>Gets the checkpoint the chain was compared with.</summary>
    /// <value>The checkpoint; <see langword="null"/> when none was given.</value>
    public AuditCheckpoint? Checkpoint { get; init; }

    /// <summary>Gets a value indicating whether the chain is intact (and matches the checkpoint, when one was given).</summary>
    public bool IsIntact => Break is null;

    /// <summary>
    /// Gets the committed records that are not yet integrated into the log when the verification ended: they are in
    /// the database and will be sequenced, but no chain hash or tree covers them yet.
    /// </summary>
    /// <value>The backlog; empty when every committed record is in the log (or the provider has no integrator).</value>
    public AuditBacklog Backlog { get; init; } = AuditBacklog.Empty;
}
