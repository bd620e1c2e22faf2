using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// The base of every storage conformance suite. A provider runs a suite by deriving one class from it that registers
/// the provider in <see cref="ConfigureStorage"/>; every test then builds its own container and runs against the
/// contracts only.
/// </summary>
/// <remarks>
/// <para>Each test uses two fresh tenants and, for queue tests, a fresh queue name, so tests may share one database.
/// Outbox tests claim from the shared outbox queue across tenants: give each test class its own database (or run the
/// outbox suite in a collection of its own) when several classes share one.</para>
/// <para>Time comes from a <see cref="FakeTimeProvider"/> registered as the container's <see cref="TimeProvider"/>
/// and starting at <see cref="StartTime"/>; concurrency tests use real threads.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed class InMemoryQueueConformance : QueueConformanceTests
/// {
///     protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
/// }
/// </code>
/// </example>
public abstract class StorageConformanceTestBase
{
    /// <summary>Gets the instant the fake clock of every test starts at.</summary>
    public static DateTimeOffset StartTime { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Gets why the provider cannot be tested here (for example a database that is not configured), or
    /// <see langword="null"/> to run the tests. When set, every test reports as skipped with this reason.
    /// </summary>
    protected virtual string? SkipReason => null;

    /// <summary>Registers the storage provider under test, for example <c>builder.UseInMemoryStorage()</c>.</summary>
    /// <param name="builder">The builder of the test's container.</param>
    protected abstract void ConfigureStorage(IRemedoraBuilder builder);

    /// <summary>Prepares the provider's storage after the container is built (for example applies migrations).</summary>
    /// <param name="services">The test's container.</param>
    /// <returns>A task that completes when the storage is ready.</returns>
    protected virtual Task InitializeStorageAsync(IServiceProvider services) => Task.CompletedTask;

    /// <summary>Builds a test's container with the provider, a fake clock, a failure injector and fresh tenants.</summary>
    /// <param name="services">Adds services before the provider registers its own (for example an <see cref="IDocumentCodec"/>).</param>
    /// <param name="remedora">Adds Remedora registrations after the provider's (for example outbox handlers).</param>
    /// <returns>The context; dispose it at the end of the test.</returns>
    protected async Task<StorageTestContext> StartAsync(Action<IServiceCollection>? services = null, Action<IRemedoraBuilder>? remedora = null)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var clock = new FakeTimeProvider(StartTime);
        var failures = new CommitFailureInjector();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<ICommitInterceptor>(failures);
        services?.Invoke(collection);
        collection.AddRemedora(r =>
        {
            ConfigureStorage(r);
            r.AddStorageModelContributor<ConformanceCollections>();
            r.AddOutboxDispatcher(o => o.Enabled = false);
            remedora?.Invoke(r);
        });

        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            await InitializeStorageAsync(provider).ConfigureAwait(false);
            return new StorageTestContext(provider, clock, failures);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
