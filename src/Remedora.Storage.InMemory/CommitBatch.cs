namespace Remedora.Storage.InMemory;

internal sealed record CommitBatch(
    TenantId TenantId,
    IReadOnlyList<StagedWrite> Writes,
    IReadOnlyList<AuditEvent> Audit,
    IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<QueueItem> Items,
    IReadOnlyList<Lease> Completions)
{
    /// <summary>Gets the staged withdrawals and reschedules, applied before the new messages and items.</summary>
    public IReadOnlyList<QueueChange> Changes { get; init; } = [];
}
