namespace Remedora.Storage;

/// <summary>Asks for the next claimable items of a queue.</summary>
public sealed record ClaimRequest
{
    /// <summary>Gets the queue.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the tenant whose items to claim; <see langword="null"/> to claim across tenants (dispatchers).</summary>
    public TenantId? TenantId { get; init; }

    /// <summary>Gets who claims.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets how long the lease lasts.</summary>
    public required TimeSpan LeaseDuration { get; init; }

    /// <summary>Gets the most items to claim.</summary>
    /// <value>The default is 1.</value>
    public int MaxItems { get; init; } = 1;

    /// <summary>Gets the jurisdictions the claimer may take work in; items without a jurisdiction always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Jurisdictions { get; init; }

    /// <summary>Gets the claimer's skills; items without a skill always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Skills { get; init; }

    /// <summary>Gets the pools the claimer belongs to; items without a pool always match.</summary>
    /// <value><see langword="null"/> (the default) for no restriction.</value>
    public IReadOnlyCollection<string>? Pools { get; init; }
}
