using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>A work item and the lease under which the clinician holds it.</summary>
/// <param name="Item">The work item, as mirrored at the claim.</param>
/// <param name="Lease">The lease: renew it before <see cref="Lease.ExpiresAt"/>, or the item returns to the queue.</param>
public sealed record ClaimedWorkItem(WorkItem Item, Lease Lease);
