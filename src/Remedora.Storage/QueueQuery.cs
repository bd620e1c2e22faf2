namespace Remedora.Storage;

/// <summary>What <see cref="IWorkQueue.ListAsync"/> lists.</summary>
public sealed record QueueQuery
{
    /// <summary>Gets the queue.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the tenant; <see langword="null"/> for all tenants.</summary>
    public TenantId? TenantId { get; init; }

    /// <summary>Gets the status to list; <see langword="null"/> for every status.</summary>
    public QueueItemStatus? Status { get; init; }

    /// <summary>Gets the lease owner to list (items leased by them); <see langword="null"/> for anyone.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100; at most 1000.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets the previous page's continuation token.</summary>
    public string? ContinuationToken { get; init; }
}
