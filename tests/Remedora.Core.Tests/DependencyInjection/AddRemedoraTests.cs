using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.DependencyInjection;

public class AddRemedoraTests
{
    [Fact]
    public void AddRemedora_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora();
        var twice = new ServiceCollection();
        twice.AddRemedora();
        twice.AddRemedora();

        var expected = Describe(once);

        Assert.True(expected.Length >= 5, string.Join(Environment.NewLine, expected));
        Assert.Equal(expected, Describe(twice));
    }

    [Fact]
    public void AddRemedora_RegistersTheCoreServices()
    {
        var services = new ServiceCollection();

        services.AddRemedora();

        Assert.Contains(services, d => d.ServiceType == typeof(TimeProvider) && d.ImplementationInstance == TimeProvider.System);
        Assert.Contains(services, d => d.ServiceType == typeof(IAccessPolicy) && d.ImplementationType == typeof(DefaultAccessPolicy) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<RemedoraOptions>));
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void AddRemedora_ExistingRegistrations_AreKept()
    {
        var services = new ServiceCollection();
        var clock = TestClock.Create();
        var policy = new AllowNothingPolicy();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAccessPolicy>(policy);

        services.AddRemedora();
        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Same(policy, provider.GetRequiredService<IAccessPolicy>());
        Assert.Single(services, d => d.ServiceType == typeof(IAccessPolicy));
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void AddRemedora_WithCareRelationships_ResolvesTheDefaultPolicy()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICareRelationships>(new FakeCareRelationships());

        services.AddRemedora();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<DefaultAccessPolicy>(provider.GetRequiredService<IAccessPolicy>());
        Assert.Same(provider.GetRequiredService<IAccessPolicy>(), provider.GetRequiredService<IAccessPolicy>());
    }

    [Fact]
    public void AddRemedora_ReturnsABuilderOverTheSameServicesAndRunsConfigure()
    {
        var services = new ServiceCollection();
        IRemedoraBuilder? seen = null;

        var builder = services.AddRemedora(r => seen = r);

        Assert.Same(services, builder.Services);
        Assert.Same(builder, seen);
        Assert.Same(services, services.AddRemedora().Services);
    }

    [Fact]
    public void AddRemedora_NullServices_ThrowsArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => RemedoraServiceCollectionExtensions.AddRemedora(null!));

    [Fact]
    public void Configure_SetsTheOptions()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.Configure(o =>
        {
            o.ApplicationId = "acme-portal";
            o.BreakGlassDuration = TimeSpan.FromMinutes(20);
        }));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RemedoraOptions>>().Value;

        Assert.Equal("acme-portal", options.ApplicationId);
        Assert.Equal(TimeSpan.FromMinutes(20), options.BreakGlassDuration);
        Assert.Throws<ArgumentNullException>(() => services.AddRemedora().Configure(null!));
        Assert.Throws<ArgumentNullException>(() => RemedoraServiceCollectionExtensions.Configure(null!, _ => { }));
    }

    [Fact]
    public void RemedoraOptions_Defaults()
    {
        var options = new RemedoraOptions();

        Assert.Equal("remedora", options.ApplicationId);
        Assert.Equal(TimeSpan.FromHours(1), options.BreakGlassDuration);
    }

    [Fact]
    public void IRemedoraBuilder_ExposesOnlyServices()
    {
        var members = typeof(IRemedoraBuilder).GetMembers().Select(m => $"{m.MemberType} {m.Name}").Order().ToArray();

        Assert.Equal(["Method get_Services", "Property Services"], members);
        Assert.Empty(typeof(IRemedoraBuilder).GetInterfaces());
        Assert.False(typeof(IRemedoraBuilder).GetProperty("Services")!.CanWrite);
    }

    private static string[] Describe(IServiceCollection services)
        => services.Select(d => $"{d.ServiceType} {d.Lifetime} {d.ImplementationType?.ToString() ?? d.ImplementationInstance?.GetType().ToString() ?? "factory"}").ToArray();

    private sealed class AllowNothingPolicy : IAccessPolicy
    {
        public ValueTask<AccessDecision> EvaluateAsync(AccessRequest request, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(AccessDecision.Deny(AccessBasis.NoRelationship));
    }
}
