using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Remedora.Events;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Delivers the <see cref="BreakGlassAccessed"/> events that <see cref="AccessGuard"/> publishes (outbox message type
/// <see cref="AccessGuard.BreakGlassMessageType"/>) to every <see cref="IBreakGlassAlertHandler"/>, and logs each one
/// at warning level with ids; the reason, which may hold clinical content, is classified PHI and reaches the logs only
/// through redaction.
/// </summary>
public sealed class BreakGlassOutboxHandler : IOutboxHandler
{
    private readonly IEnumerable<IBreakGlassAlertHandler> _handlers;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="BreakGlassOutboxHandler"/> class.</summary>
    /// <param name="handlers">The application's alert handlers.</param>
    /// <param name="logger">The logger.</param>
    public BreakGlassOutboxHandler(IEnumerable<IBreakGlassAlertHandler> handlers, ILogger<BreakGlassOutboxHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = handlers;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public string MessageType => AccessGuard.BreakGlassMessageType;

    /// <inheritdoc/>
    public async Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var alert = envelope.Deserialize<BreakGlassAccessed>();
        AuditLog.BreakGlassAlert(_logger, alert.ActorRole, alert.ActorId, alert.ResourceType, alert.PatientId.ToString(), alert.TenantId.Value, alert.Reason);
        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(alert, cancellationToken).ConfigureAwait(false);
        }
    }
}
