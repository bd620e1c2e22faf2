namespace Remedora.Storage.InMemory;

/// <summary>The queue withdrawals and reschedules a session stages; they commit with the rest of its unit of work.</summary>
internal sealed partial class InMemorySession
{
    private List<QueueChange> _changes = [];

    public void Release(Lease lease, DateTimeOffset? availableAt = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TenantId != TenantId)
        {
            throw new TenantMismatchException("QueueItem", TenantId, lease.TenantId);
        }

        Stage(QueueChange.ReleaseLease(lease, availableAt));
    }

    public void Assign(Guid itemId, string? assignee) => Stage(QueueChange.AssignItem(itemId, assignee));

    public void Withdraw(Guid itemId) => Stage(QueueChange.WithdrawItem(itemId));

    public void Reschedule(Guid itemId, DateTimeOffset? availableAt, DateTimeOffset? dueAt) => Stage(QueueChange.RescheduleItem(itemId, availableAt, dueAt));

    public void WithdrawMessage(string key) => Stage(QueueChange.WithdrawMessage(key));

    public void RescheduleMessage(string key, DateTimeOffset notBefore) => Stage(QueueChange.RescheduleMessage(key, notBefore));

    /// <summary>Hands the staged changes to a commit (or drops them) and leaves the session without any.</summary>
    private List<QueueChange> TakeChanges()
    {
        var changes = _changes;
        _changes = [];
        return changes;
    }

    private void Stage(QueueChange change)
    {
        ThrowIfDisposed();
        _changes.Add(change);
    }
}
