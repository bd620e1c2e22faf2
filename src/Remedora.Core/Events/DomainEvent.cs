namespace Remedora.Events;

/// <summary>A convenient base for domain events.</summary>
public abstract record DomainEvent : IDomainEvent
{
    /// <inheritdoc/>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <inheritdoc/>
    public required TenantId TenantId { get; init; }

    /// <inheritdoc/>
    public required DateTimeOffset OccurredAt { get; init; }
}
