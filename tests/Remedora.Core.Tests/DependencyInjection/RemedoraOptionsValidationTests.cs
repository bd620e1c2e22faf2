using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Remedora.Core.Tests.DependencyInjection;

public class RemedoraOptionsValidationTests
{
    private const string ApplicationIdPattern = "ApplicationId: ApplicationId must be 1 to 63 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit.";
    private const string ApplicationIdRequired = "ApplicationId: The RemedoraOptions.ApplicationId field is required.";
    private const string DurationRange = "BreakGlassDuration: The field RemedoraOptions.BreakGlassDuration must be between 00:01:00 and 1.00:00:00.";

    [Theory]
    [InlineData("Acme", ApplicationIdPattern)]
    [InlineData("-portal", ApplicationIdPattern)]
    [InlineData("portal app", ApplicationIdPattern)]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", ApplicationIdPattern)]
    [InlineData("", ApplicationIdRequired)]
    [InlineData(null, ApplicationIdRequired)]
    public void Validate_BadApplicationId_ThrowsWithTheExactMessage(string? applicationId, string message)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o => o.ApplicationId = applicationId!));

        Assert.Equal(message, ex.Message);
        Assert.Equal(typeof(RemedoraOptions), ex.OptionsType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(86_401)]
    [InlineData(-60)]
    public void Validate_BadBreakGlassDuration_ThrowsWithTheExactMessage(int seconds)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o => o.BreakGlassDuration = TimeSpan.FromSeconds(seconds)));

        Assert.Equal(DurationRange, ex.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public void Validate_BadTenantMembershipCacheDuration_ThrowsWithTheExactMessage(int seconds)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o => o.TenantMembershipCacheDuration = TimeSpan.FromSeconds(seconds)));

        Assert.Equal("TenantMembershipCacheDuration: The field RemedoraOptions.TenantMembershipCacheDuration must be between 00:00:00 and 00:05:00.", ex.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7 * 24 * 3600 + 1)]
    public void Validate_BadCompletedWorkAccessWindow_ThrowsWithTheExactMessage(int seconds)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o => o.CompletedWorkAccessWindow = TimeSpan.FromSeconds(seconds)));

        Assert.Equal("CompletedWorkAccessWindow: The field RemedoraOptions.CompletedWorkAccessWindow must be between 00:00:00 and 7.00:00:00.", ex.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(300, 7 * 24 * 3600)]
    public void Validate_MembershipAndWindowBounds_DoNotThrow(int cacheSeconds, int windowSeconds)
        => Validate(o =>
        {
            o.TenantMembershipCacheDuration = TimeSpan.FromSeconds(cacheSeconds);
            o.CompletedWorkAccessWindow = TimeSpan.FromSeconds(windowSeconds);
        });

    [Fact]
    public void Defaults_MembershipCacheAndCompletedWorkWindow_AreThirtySecondsAndOneDay()
    {
        var options = new RemedoraOptions();

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromHours(24)), (options.TenantMembershipCacheDuration, options.CompletedWorkAccessWindow));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o =>
        {
            o.ApplicationId = "A";
            o.BreakGlassDuration = TimeSpan.Zero;
        }));

        Assert.Equal($"{ApplicationIdPattern}; {DurationRange}", ex.Message);
        Assert.Equal([ApplicationIdPattern, DurationRange], ex.Failures);
    }

    [Theory]
    [InlineData("a", 60)]
    [InlineData("acme-portal.v2_eu", 3600)]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123", 86_400)]
    public void Validate_GoodOptions_DoesNotThrow(string applicationId, int seconds)
        => Validate(o =>
        {
            o.ApplicationId = applicationId;
            o.BreakGlassDuration = TimeSpan.FromSeconds(seconds);
        });

    [Fact]
    public async Task HostStart_BadOptions_FailsWithTheExactMessage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRemedora(r => r.Configure(o => o.ApplicationId = "Not Valid"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(ApplicationIdPattern, ex.Message);
    }

    [Fact]
    public async Task HostStart_DefaultOptions_Starts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRemedora();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    private static void Validate(Action<RemedoraOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.Configure(configure));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
