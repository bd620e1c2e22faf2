using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.Storage.InMemory.Tests.Conformance;

// The time-range conformance suite, run against the in-memory provider.

public sealed class InMemoryTimeRangeConformanceTests : TimeRangeConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}
