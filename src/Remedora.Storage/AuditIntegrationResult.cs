namespace Remedora.Storage;

/// <summary>What one <see cref="IAuditLogIntegrator.IntegrateAsync"/> call did.</summary>
public sealed record AuditIntegrationResult
{
    /// <summary>Gets a value indicating whether the caller held the tenant's lease (when not, another host integrates it and nothing was done).</summary>
    public required bool LeaseAcquired { get; init; }

    /// <summary>Gets how many records were integrated.</summary>
    public required int Integrated { get; init; }

    /// <summary>Gets the log's size (its last sequence number and its Merkle tree's size) after the call.</summary>
    public required long TreeSize { get; init; }

    /// <summary>Gets a value indicating whether records were left in the backlog when the call read it.</summary>
    public required bool HasMore { get; init; }

    /// <summary>Gets the commit time of the oldest record integrated by this call.</summary>
    /// <value>The time; <see langword="null"/> when nothing was integrated.</value>
    public DateTimeOffset? OldestCommittedAt { get; init; }
}
