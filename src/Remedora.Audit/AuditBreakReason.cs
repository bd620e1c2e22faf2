namespace Remedora.Audit;

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
