using Remedora.Storage;

namespace Remedora.Audit;

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
