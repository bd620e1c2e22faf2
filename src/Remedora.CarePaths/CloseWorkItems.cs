namespace Remedora.CarePaths;

/// <summary>Finishes the case's open work items (of one kind, or all).</summary>
/// <param name="Kind">The kind to finish; <see langword="null"/> for every kind.</param>
/// <param name="Status"><see cref="WorkItemStatus.Completed"/> or <see cref="WorkItemStatus.Cancelled"/>.</param>
public sealed record CloseWorkItems(WorkItemKind? Kind, WorkItemStatus Status) : PathEffect;
