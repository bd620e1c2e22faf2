using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Remedora.Storage.Tests.DependencyInjection;

public class StorageRegistrationTests
{
    [Fact]
    public void AddStorageServices_Twice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddStorageServices());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.AddStorageServices().AddStorageServices());

        Assert.Equal(Describe(once), Describe(twice));
        Assert.Single(twice, d => d.ServiceType == typeof(IStorageModelContributor));
        Assert.Single(twice, d => d.ServiceType == typeof(IOutboxAdmin));
    }

    [Fact]
    public void AddOutboxDispatcher_Twice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddOutboxDispatcher());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.AddOutboxDispatcher().AddOutboxDispatcher());

        Assert.Equal(Describe(once), Describe(twice));
        Assert.Single(twice, d => d.ServiceType == typeof(OutboxDispatcher));
        Assert.Single(twice, d => d.ServiceType == typeof(IHostedService));
        Assert.Equal(2, twice.Count(d => d.ServiceType == typeof(IValidateOptions<OutboxDispatcherOptions>)));
    }

    [Fact]
    public void AddOutboxDispatcher_ConfigureTwice_AppliesBothInOrder()
    {
        using var provider = new ServiceCollection()
            .AddRemedora(r => r.AddOutboxDispatcher(o => { o.BatchSize = 5; o.MaxAttempts = 3; }).AddOutboxDispatcher(o => o.BatchSize = 7))
            .Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OutboxDispatcherOptions>>().Value;

        Assert.Equal((7, 3), (options.BatchSize, options.MaxAttempts));
    }

    [Fact]
    public void AddOutboxHandler_SameTypeTwice_RegistersItOnce()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddOutboxHandler<NoopHandler>().AddOutboxHandler<NoopHandler>().AddOutboxHandler<OtherHandler>());

        var handlers = services.Where(d => d.ServiceType == typeof(IOutboxHandler)).ToArray();

        Assert.Equal([typeof(NoopHandler), typeof(OtherHandler)], handlers.Select(d => d.ImplementationType));
        Assert.All(handlers, d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }

    [Fact]
    public async Task AddOutboxHealthCheck_Twice_RegistersOneCheckThatReportsTheOutbox()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddLogging();
        services.AddRemedora(r => r.UseInMemoryStorage().AddOutboxHealthCheck(tags: ["ready"]).AddOutboxHealthCheck(tags: ["ready"]).AddOutboxHealthCheck("second-outbox"));
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal([OutboxHealthCheck.DefaultName, "second-outbox"], registrations.Select(r => r.Name));
        Assert.Equal(["ready"], registrations.First().Tags);
        Assert.Equal(HealthStatus.Healthy, report.Entries[OutboxHealthCheck.DefaultName].Status);
        Assert.Equal("The outbox is delivering: 0 waiting, 0 being delivered.", report.Entries[OutboxHealthCheck.DefaultName].Description);
    }

    [Fact]
    public void AddOutboxDispatcher_HostedService_IsTheDispatcherSingleton()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.UseInMemoryStorage().AddOutboxDispatcher());
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<OutboxDispatcher>(), Assert.Single(provider.GetServices<IHostedService>(), s => s is OutboxDispatcher));
        Assert.IsType<OutboxAdmin>(provider.GetRequiredService<IOutboxAdmin>());
    }

    [Fact]
    public void AddStorageModelContributor_SameTypeTwice_ComposesItOnce()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.UseInMemoryStorage().AddStorageModelContributor<CoreCollections>());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(7, provider.GetRequiredService<StorageModel>().Collections.Count);
    }

    private static string[] Describe(IServiceCollection services)
        => services.Select(d => $"{d.Lifetime} {d.ServiceType.FullName} {d.ImplementationType?.FullName}").ToArray();

    private sealed class NoopHandler : IOutboxHandler
    {
        public string MessageType => "noop";

        public Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class OtherHandler : IOutboxHandler
    {
        public string MessageType => "other";

        public Task HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
