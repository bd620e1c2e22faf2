namespace Remedora.Events;

/// <summary>
/// Something that happened in the domain that other packages or the application may react to. Events leave a unit
/// of work through the outbox and are delivered at least once, so handlers must be idempotent on <see cref="EventId"/>.
/// </summary>
public interface IDomainEvent
{
    /// <summary>Gets the event's unique id; handlers use it to ignore a repeated delivery.</summary>
    Guid EventId { get; }

    /// <summary>Gets the tenant the event belongs to.</summary>
    TenantId TenantId { get; }

    /// <summary>Gets when it happened.</summary>
    DateTimeOffset OccurredAt { get; }
}
