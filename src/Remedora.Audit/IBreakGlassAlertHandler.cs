using Remedora.Events;

namespace Remedora.Audit;

/// <summary>
/// Reacts to break-glass (emergency) access, for example by paging the privacy officer. Register implementations with
/// <c>AddBreakGlassAlertHandler&lt;T&gt;()</c>. Alerts arrive through the outbox after the access committed, at least
/// once: use <see cref="IDomainEvent.EventId"/> to ignore a repeated delivery.
/// </summary>
public interface IBreakGlassAlertHandler
{
    /// <summary>Handles one break-glass access.</summary>
    /// <param name="alert">What was accessed, by whom, and the stated reason.</param>
    /// <param name="cancellationToken">A token cancelled when the host stops.</param>
    /// <returns>A task that completes when the alert is handled; throwing makes the outbox retry it.</returns>
    Task HandleAsync(BreakGlassAccessed alert, CancellationToken cancellationToken);
}
