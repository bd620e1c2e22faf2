namespace Remedora.Storage;

/// <summary>What happened to a claim of one specific item.</summary>
public enum ClaimStatus
{
    /// <summary>The caller now holds the lease.</summary>
    Claimed = 0,

    /// <summary>Someone else holds an unexpired lease.</summary>
    AlreadyClaimed = 1,

    /// <summary>The tenant has no such item.</summary>
    NotFound = 2,

    /// <summary>The item is finished, not yet available, or assigned to someone else.</summary>
    NotClaimable = 3,
}
