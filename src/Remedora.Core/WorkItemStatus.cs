namespace Remedora;

/// <summary>Where a work item is in its life.</summary>
public enum WorkItemStatus
{
    /// <summary>Waiting in the queue.</summary>
    Ready = 0,

    /// <summary>Held by a practitioner under a lease.</summary>
    Claimed = 1,

    /// <summary>Done.</summary>
    Completed = 2,

    /// <summary>No longer needed.</summary>
    Cancelled = 3,
}
