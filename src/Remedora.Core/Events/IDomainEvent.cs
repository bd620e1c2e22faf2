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

/// <summary>Raised when an actor is granted access through break-glass, so the application can alert on it.</summary>
public sealed record BreakGlassAccessed : DomainEvent
{
    /// <summary>Gets the acting user's id.</summary>
    public required string ActorId { get; init; }

    /// <summary>Gets the actor's role.</summary>
    public required ActorRole ActorRole { get; init; }

    /// <summary>Gets the patient whose record was reached.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the kind of record reached.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the stated reason.</summary>
    [Phi]
    public required string Reason { get; init; }
}
