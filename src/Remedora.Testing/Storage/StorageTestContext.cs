using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>One conformance test's container, clock, tenants and storage contracts.</summary>
public sealed class StorageTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    internal StorageTestContext(ServiceProvider provider, FakeTimeProvider clock, CommitFailureInjector failures)
    {
        _provider = provider;
        Clock = clock;
        Failures = failures;
        var run = Guid.NewGuid().ToString("N")[..12];
        TenantA = TenantId.Parse($"conf-{run}-a");
        TenantB = TenantId.Parse($"conf-{run}-b");
        Sessions = provider.GetRequiredService<IStorageSessionFactory>();
        Queue = provider.GetRequiredService<IWorkQueue>();
        AuditLog = provider.GetRequiredService<IAuditLogStore>();
    }

    /// <summary>Gets the test's container.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Gets the fake clock, registered as the container's <see cref="TimeProvider"/>.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Gets the commit interceptor that fails a chosen commit step on request.</summary>
    public CommitFailureInjector Failures { get; }

    /// <summary>Gets the first tenant, unique to this test.</summary>
    public TenantId TenantA { get; }

    /// <summary>Gets the second tenant, unique to this test.</summary>
    public TenantId TenantB { get; }

    /// <summary>Gets the provider's session factory.</summary>
    public IStorageSessionFactory Sessions { get; }

    /// <summary>Gets the provider's work queue.</summary>
    public IWorkQueue Queue { get; }

    /// <summary>Gets the provider's audit log.</summary>
    public IAuditLogStore AuditLog { get; }

    /// <summary>Gets the current time as storage keeps it.</summary>
    public DateTimeOffset Now => StorageTime.Normalize(Clock.GetUtcNow());

    /// <summary>Opens a session.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>The session.</returns>
    public IStorageSession OpenSession(TenantId tenantId) => Sessions.OpenSession(tenantId);

    /// <summary>Creates a queue name no other test uses.</summary>
    /// <returns>The queue name.</returns>
    public static string NewQueueName() => "conformance." + Guid.NewGuid().ToString("N")[..12];

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
