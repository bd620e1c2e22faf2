namespace Remedora.Storage;

/// <summary>A claimed item and its lease.</summary>
/// <param name="Lease">The lease.</param>
/// <param name="Item">The item as it was when claimed.</param>
public sealed record LeasedItem(Lease Lease, QueueItem Item);
