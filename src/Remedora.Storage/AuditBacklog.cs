namespace Remedora.Storage;

/// <summary>A tenant's committed audit records that are not yet integrated into its log.</summary>
/// <param name="Count">How many there are.</param>
/// <param name="OldestCommittedAt">When the oldest of them was committed; <see langword="null"/> when there are none.</param>
public sealed record AuditBacklog(long Count, DateTimeOffset? OldestCommittedAt)
{
    /// <summary>Gets an empty backlog.</summary>
    public static AuditBacklog Empty { get; } = new(0, null);
}
