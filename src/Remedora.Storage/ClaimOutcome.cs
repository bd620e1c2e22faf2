namespace Remedora.Storage;

/// <summary>The result of claiming one specific item.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Item">The claimed item and its lease, when <see cref="ClaimStatus.Claimed"/>.</param>
public readonly record struct ClaimOutcome(ClaimStatus Status, LeasedItem? Item)
{
    /// <summary>Gets a value indicating whether the claim succeeded.</summary>
    public bool IsClaimed => Status == ClaimStatus.Claimed;
}
