using Microsoft.Extensions.Logging.Testing;
using Remedora.Events;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class BreakGlassOutboxHandlerTests
{
    [Fact]
    public async Task HandleAsync_BreakGlassPublishedByTheGuard_ReachesEveryAlertHandler()
    {
        var harness = new AuditHarness();
        var patient = Id<Patient>.New();
        var actor = ActorContext.ForClinician(harness.Tenant, Id<Practitioner>.New(), "dr-er").WithBreakGlass("cardiac arrest in waiting room", harness.Clock.GetUtcNow());
        await using (var session = harness.Storage.OpenSession(harness.Tenant))
        {
            await harness.Guard.AuthorizeAsync(session, new Remedora.Access.AccessRequest(actor, Remedora.Access.AccessAction.Read, "Patient", harness.Tenant, patient, patient.ToString()));
            await session.CommitAsync();
        }

        var (tenant, message) = Assert.Single(harness.Storage.Published);
        var first = new Collecting();
        var second = new Collecting();
        var logs = new FakeLogger<BreakGlassOutboxHandler>();
        var handler = new BreakGlassOutboxHandler([first, second], logs);
        var envelope = new OutboxEnvelope(Guid.NewGuid(), tenant, message.MessageType, message.Payload, message.IdempotencyKey, 1, harness.Clock.GetUtcNow());

        await handler.HandleAsync(envelope, CancellationToken.None);

        Assert.Equal(AccessGuard.BreakGlassMessageType, handler.MessageType);
        var alert = Assert.Single(first.Alerts);
        Assert.Equal(("dr-er", ActorRole.Clinician, patient, "Patient", "cardiac arrest in waiting room"), (alert.ActorId, alert.ActorRole, alert.PatientId, alert.ResourceType, alert.Reason));
        Assert.Single(second.Alerts);
        var log = Assert.Single(logs.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, log.Level);
        Assert.DoesNotContain("cardiac", log.Message, StringComparison.Ordinal);
    }

    private sealed class Collecting : IBreakGlassAlertHandler
    {
        public List<BreakGlassAccessed> Alerts { get; } = [];

        public Task HandleAsync(BreakGlassAccessed alert, CancellationToken cancellationToken)
        {
            Alerts.Add(alert);
            return Task.CompletedTask;
        }
    }
}
