namespace Remedora.CarePaths;

/// <summary>Counts of a tenant's unfinished work.</summary>
/// <param name="ByStatus">Unfinished items by status (ready, claimed).</param>
/// <param name="ByPriority">Unfinished items by priority.</param>
/// <param name="Overdue">Unfinished items past their due time.</param>
/// <param name="DueSoon">Unfinished items due within the due-soon window.</param>
public sealed record QueueOverview(IReadOnlyDictionary<WorkItemStatus, long> ByStatus, IReadOnlyDictionary<WorkItemPriority, long> ByPriority, long Overdue, long DueSoon);
