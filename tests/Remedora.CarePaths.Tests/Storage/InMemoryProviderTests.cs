using Microsoft.Extensions.DependencyInjection;

namespace Remedora.CarePaths.Tests.Storage;

public sealed class InMemoryCarePathEngineTests : CarePathEngineTests
{
    private protected override Task<CarePathsHarness> StartAsync() => CarePathsHarness.StartAsync(r => r.UseInMemoryStorage());
}

public sealed class InMemoryReviewQueueTests : ReviewQueueTests
{
    private protected override Task<CarePathsHarness> StartAsync() => CarePathsHarness.StartAsync(r => r.UseInMemoryStorage());
}

public sealed class InMemorySlaTests : SlaTests
{
    private protected override Task<CarePathsHarness> StartAsync() => CarePathsHarness.StartAsync(r => r.UseInMemoryStorage());
}

public sealed class InMemoryWaitingWorkTests : WaitingWorkTests
{
    private protected override Task<CarePathsHarness> StartAsync() => CarePathsHarness.StartAsync(r => r.UseInMemoryStorage());
}

public sealed class InMemoryCrossReferenceTests : CrossReferenceTests
{
    private protected override Task<CarePathsHarness> StartAsync() => CarePathsHarness.StartAsync(r => r.UseInMemoryStorage());
}
