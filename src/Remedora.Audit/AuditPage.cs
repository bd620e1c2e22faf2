using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>A page of a report.</summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <param name="Items">The entries.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record AuditPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>
    /// Gets the stored rows of this page's range that the report should have considered but that cannot be read. They
    /// are not among <see cref="Items"/>; each names its sequence (when readable), column and reason code, never a stored
    /// value. A non-empty list means the audit log was altered: verify the chain.
    /// </summary>
    /// <value>The unreadable rows, newest first; empty when every row was read.</value>
    public IReadOnlyList<UnreadableAuditRow> Unreadable { get; init; } = [];
}
