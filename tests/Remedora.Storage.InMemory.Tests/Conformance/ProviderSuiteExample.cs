using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.Storage.InMemory.Tests.Conformance;

// The example of docs/storage.md ("Writing your own provider"), compiled and run here with the in-memory provider in
// place of a user's: every hook a provider's suite can override.
public sealed class ProviderSuiteExample : AuditLogConformanceTests
{
    // Report every test as skipped, with this reason, when the provider's database is not configured.
    protected override string? SkipReason
        => Environment.GetEnvironmentVariable("REMEDORA_EXAMPLE_SKIP") is { Length: > 0 } reason ? reason : null;

    // Register the provider under test.
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();

    // Prepare the storage (for a database: create the schema or apply migrations) before each test.
    protected override Task InitializeStorageAsync(IServiceProvider services)
    {
        _ = services.GetRequiredService<InMemoryStorage>();
        return Task.CompletedTask;
    }
}
