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

/// <summary>The first broken record of an audit chain, and why it is broken.</summary>
/// <param name="Index">
/// The position of the first record that cannot be trusted: the sequence number the record at that position should
/// have (1 for the first record). For <see cref="AuditBreakReason.Deleted"/> and <see cref="AuditBreakReason.Truncated"/> it is
/// the first missing position.
/// </param>
/// <param name="Reason">What kind of tampering the evidence shows.</param>
/// <param name="Description">A short explanation with sequence numbers only (no record content).</param>
public sealed record AuditChainBreak(long Index, AuditBreakReason Reason, string Description)
{
    /// <summary>Gets the row that cannot be read, for <see cref="AuditBreakReason.Unreadable"/> (column and reason code, never the stored value).</summary>
    /// <value>The unreadable row; <see langword="null"/> for the other reasons.</value>
    public UnreadableAuditRow? Unreadable { get; init; }
}

/// <summary>What kind of tampering a broken audit chain shows. See docs/audit-and-security.md for how each is recognised.</summary>
public enum AuditBreakReason
{
    /// <summary>A record's content, hash or link was altered in place.</summary>
    Changed = 0,

    /// <summary>One or more records are missing from the middle of the chain.</summary>
    Deleted = 1,

    /// <summary>Records were moved: the record that belongs at this position appears elsewhere in the chain.</summary>
    Reordered = 2,

    /// <summary>A record that was never appended through the chain sits at this position (or beyond the chain head).</summary>
    Inserted = 3,

    /// <summary>The chain ends before the chain head (or a checkpoint) says it should.</summary>
    Truncated = 4,

    /// <summary>
    /// The chain is consistent in itself but differs from a signed checkpoint: it was rewritten wholesale (every hash
    /// recomputed) at or before the checkpoint's record.
    /// </summary>
    Rewritten = 5,

    /// <summary>
    /// The stored row at this position (or the chain head) cannot be read as a record: a column holds a value of the
    /// wrong type, an unknown name, a malformed id or a hash of the wrong length (see <see cref="AuditChainBreak.Unreadable"/>).
    /// </summary>
    Unreadable = 6,
}
