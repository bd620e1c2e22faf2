using Remedora.Clinical;
using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>
/// Receives <see cref="IntakeSubmitted"/> events from the outbox and records them on their case
/// (<see cref="CarePathEngine.RecordIntakeAsync"/>): red flags, priority, escalation or triage. Idempotent: a
/// repeated delivery of the same submission records nothing. A message whose case is not a case of the message's
/// patient in the message's tenant changes nothing; it is audited as denied, counted
/// (<see cref="CarePathsTelemetry.IntakeRejectedName"/>) and logged with the case id only.
/// </summary>
public sealed class IntakeSubmittedHandler : IOutboxHandler
{
    private readonly CarePathEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="IntakeSubmittedHandler"/> class.</summary>
    /// <param name="engine">The engine.</param>
    public IntakeSubmittedHandler(CarePathEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <inheritdoc/>
    public string MessageType => IntakeSubmitted.MessageType;

    /// <inheritdoc/>
    public async Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var submission = envelope.Deserialize<IntakeSubmitted>(CarePathJson.Options);
        if (submission.TenantId != envelope.TenantId)
        {
            // The message's own tenant decides: a payload that claims another tenant changes nothing anywhere.
            if (submission.CaseId is { } caseId)
            {
                await _engine.RejectIntakeAsync(ActorContext.ForSystem(envelope.TenantId, "care-paths.intake"), caseId, null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await _engine.RecordIntakeAsync(submission, cancellationToken).ConfigureAwait(false);
    }
}
