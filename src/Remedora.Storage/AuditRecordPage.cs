namespace Remedora.Storage;

/// <summary>A page of audit records, newest first.</summary>
/// <param name="Items">The records.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record AuditRecordPage(IReadOnlyList<AuditRecord> Items, string? ContinuationToken)
{
    /// <summary>Gets the rows of this page's range that matched the query's filters as far as the database could tell but cannot be read.</summary>
    /// <value>The unreadable rows, newest first (reason codes only); empty when every row was read.</value>
    public IReadOnlyList<UnreadableAuditRow> Unreadable { get; init; } = [];
}
