using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.DependencyInjection;

public class CarePathsRegistrationTests
{
    [Fact]
    public void AddCarePaths_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddCarePaths());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.AddCarePaths().AddCarePaths());
        twice.AddRemedora(r => r.AddCarePaths());

        Assert.Equal(Describe(once), Describe(twice));
        Assert.Single(twice, d => d.ServiceType == typeof(CarePathEngine));
        Assert.Single(twice, d => d.ServiceType == typeof(Remedora.Storage.IOutboxHandler));
        Assert.Single(twice, d => d.ServiceType == typeof(Remedora.Storage.IStorageModelContributor) && d.ImplementationType == typeof(CarePathCollections));
    }

    [Fact]
    public void AddCarePath_SameDefinitionTwice_RegistersItOnce()
    {
        var custom = CarePathBuilder.Extend(BuiltInCarePaths.Refill, "refill-strict").Build();
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddCarePaths().AddCarePath(custom).AddCarePath(custom));

        Assert.Single(services, d => d.ServiceType == typeof(CarePathRegistration));
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<ICarePathRegistry>();
        Assert.Same(custom, registry.Get("refill-strict"));
        Assert.Same(BuiltInCarePaths.Hybrid, registry.Get(BuiltInCarePaths.HybridName));
        Assert.Equal(5, registry.Paths.Count);
    }

    [Fact]
    public void Registry_TwoPathsWithOneName_FailsWithClearError()
    {
        var first = CarePathBuilder.Extend(BuiltInCarePaths.Refill, "refill-a").Build();
        var second = CarePathBuilder.Extend(BuiltInCarePaths.Refill, "refill-a").Build();

        var ex = Assert.Throws<InvalidOperationException>(() => new CarePathRegistry([first, second]));

        Assert.Equal("Two care paths are registered with the name 'refill-a'. Cases store the path's name, so names must be unique: give the extension its own name.", ex.Message);
    }

    [Theory]
    [InlineData(nameof(CarePathsOptions.SweepBatchSize), "SweepBatchSize: The field CarePathsOptions.SweepBatchSize must be between 1 and 1000.")]
    [InlineData(nameof(CarePathsOptions.ReviewLeaseDuration), "ReviewLeaseDuration: The field CarePathsOptions.ReviewLeaseDuration must be between 00:01:00 and 08:00:00.")]
    [InlineData(nameof(CarePathsOptions.SweepInterval), "SweepInterval: The field CarePathsOptions.SweepInterval must be between 00:00:01 and 01:00:00.")]
    public void Options_OutOfRange_FailValidationWithExactText(string member, string message)
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddCarePaths(o =>
        {
            switch (member)
            {
                case nameof(CarePathsOptions.SweepBatchSize):
                    o.SweepBatchSize = 0;
                    break;
                case nameof(CarePathsOptions.ReviewLeaseDuration):
                    o.ReviewLeaseDuration = TimeSpan.FromHours(9);
                    break;
                default:
                    o.SweepInterval = TimeSpan.Zero;
                    break;
            }
        }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CarePathsOptions>>().Value);

        Assert.Equal(message, Assert.Single(ex.Failures));
        Assert.Equal(message, ex.Message);
    }

    private static List<string> Describe(IServiceCollection services)
        => services.Select(d => $"{d.ServiceType.FullName}|{d.ImplementationType?.FullName}|{d.Lifetime}").ToList();
}
