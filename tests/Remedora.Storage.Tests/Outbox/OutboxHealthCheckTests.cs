using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.Tests.Outbox;

/// <summary>
/// A host that publishes outbox messages without a running dispatcher is told so: by the health check while messages
/// wait that nobody delivers, and by a warning at start when no dispatcher is registered.
/// </summary>
public class OutboxHealthCheckTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = TenantId.Parse("acme");

    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public async Task CheckHealthAsync_NoDispatcherInProcess_DegradedOncePendingMessagesWaitAPollInterval()
    {
        await using var provider = Build(withDispatcher: false);
        await PublishAsync(provider);
        var check = provider.GetRequiredService<OutboxHealthCheck>();

        var fresh = await check.CheckHealthAsync(Context());
        _clock.Advance(TimeSpan.FromSeconds(1));
        var waiting = await check.CheckHealthAsync(Context());
        _clock.Advance(TimeSpan.FromMinutes(5));
        var stalled = await check.CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Degraded, waiting.Status);
        Assert.Equal("1 outbox message(s) wait and nothing delivers them: no outbox dispatcher runs in this process and none holds a message anywhere. Call AddOutboxDispatcher(), or check the nodes that run one.", waiting.Description);
        Assert.Equal(false, waiting.Data["dispatcherInProcess"]);
        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Equal("The outbox is stalled: the oldest deliverable message has waited 301s (threshold 300s). No outbox dispatcher runs in this process: call AddOutboxDispatcher(), or check the nodes that run one.", stalled.Description);
    }

    [Fact]
    public async Task CheckHealthAsync_MessageLeasedByADispatcherElsewhere_Healthy()
    {
        await using var provider = Build(withDispatcher: false);
        await PublishAsync(provider);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var elsewhere = await provider.GetRequiredService<IWorkQueue>().ClaimNextAsync(new ClaimRequest { Queue = OutboxMessage.QueueName, Owner = "outbox-other-node", LeaseDuration = TimeSpan.FromSeconds(30) });
        Assert.Single(elsewhere);

        var report = await provider.GetRequiredService<OutboxHealthCheck>().CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_DispatcherRunningInProcess_HealthyWhileMessagesWaitBelowTheStallThreshold()
    {
        await using var provider = Build(withDispatcher: true, enabled: true);
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var check = provider.GetRequiredService<OutboxHealthCheck>();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(dispatcher.IsRunning);
            await PublishAsync(provider);
            _clock.Advance(TimeSpan.FromTicks(1));
            var report = await check.CheckHealthAsync(Context());

            Assert.Equal(HealthStatus.Healthy, report.Status);
            Assert.Equal(true, report.Data["dispatcherInProcess"]);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task CheckHealthAsync_DispatcherRegisteredButDisabled_CountsAsNotRunning()
    {
        await using var provider = Build(withDispatcher: true, enabled: false);
        await PublishAsync(provider);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var report = await provider.GetRequiredService<OutboxHealthCheck>().CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(false, report.Data["dispatcherInProcess"]);
    }

    [Fact]
    public async Task StartAsync_StorageWithoutDispatcher_LogsOneWarning()
    {
        var logs = new FakeLogCollector();
        await using var provider = Build(withDispatcher: false, logs: logs);

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 2011);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Remedora storage is registered, so this host publishes outbox messages, but no outbox dispatcher is registered in this process: messages wait until a dispatcher in another process delivers them. Call AddOutboxDispatcher() here, or run it on another node and watch the outbox health check", warning.Message);
    }

    [Fact]
    public async Task StartAsync_StorageWithDispatcher_LogsNoWarning()
    {
        var logs = new FakeLogCollector();
        await using var provider = Build(withDispatcher: true, enabled: false, logs: logs);

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 2011);
    }

    private static HealthCheckContext Context() => new() { Registration = new HealthCheckRegistration(OutboxHealthCheck.DefaultName, _ => null!, null, null) };

    private ServiceProvider Build(bool withDispatcher, bool enabled = false, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs));
            }
        });

        services.AddRemedora(r =>
        {
            r.UseInMemoryStorage().AddOutboxHealthCheck();
            if (withDispatcher)
            {
                r.AddOutboxDispatcher(o => o.Enabled = enabled);
            }
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task PublishAsync(IServiceProvider provider)
    {
        await using var session = provider.GetRequiredService<IStorageSessionFactory>().OpenSession(Tenant);
        session.Publish(OutboxMessage.Create("test.orphan", new { n = 1 }, Guid.NewGuid().ToString()));
        await session.CommitAsync();
    }
}
