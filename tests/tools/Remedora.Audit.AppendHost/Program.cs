using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Audit.Integration;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

// Usage: <connection string> <schema> <tenant> <host id> <units of work>
// Commits units of work of two audit records each ("<host>-<n>-0" and "-1") and prints "ack <host>-<n>" once a commit
// has returned; meanwhile integrates the tenant's backlog as one of the hosts. Prints "done" at the end.
var connectionString = args[0];
var schema = args[1];
var tenant = TenantId.Parse(args[2]);
var host = args[3];
var units = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);

using var storage = new EntityFrameworkCoreStorage(
    new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString + ";Application Name=" + host, schema),
    StorageModel.Create([new CoreCollections()]),
    new JsonDocumentCodec(),
    TimeProvider.System);
var integrator = new AuditIntegrator(
    storage.AuditIntegrator,
    Options.Create(new AuditIntegrationOptions { HolderId = host, BatchSize = 200, LeaseDuration = TimeSpan.FromSeconds(2) }),
    TimeProvider.System);

using var stop = new CancellationTokenSource();
var integrating = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            if ((await integrator.IntegrateAsync(stop.Token)).Integrated == 0)
            {
                await Task.Delay(20, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
});

Console.Out.Flush();
var at = TimeProvider.System.GetUtcNow();
for (var n = 0; n < units; n++)
{
    await using (var session = storage.Sessions.OpenSession(tenant))
    {
        foreach (var part in new[] { 0, 1 })
        {
            session.Audit(new AuditEvent
            {
                OccurredAt = at,
                TenantId = tenant,
                ActorId = $"{host}-{n}-{part}",
                ActorRole = ActorRole.System,
                Action = AuditAction.Read,
                ResourceType = "Note",
                ResourceId = $"note-{n}",
                Outcome = AuditOutcome.Success,
            });
        }

        await session.CommitAsync();
    }

    Console.WriteLine($"ack {host}-{n}");
    Console.Out.Flush();
}

await stop.CancelAsync();
await integrating;
Console.WriteLine("done");
return 0;
