using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Remedora.Storage.Tests.Outbox;

public class OutboxDispatcherOptionsTests
{
    [Fact]
    public void Defaults_AreDocumented()
    {
        var options = new OutboxDispatcherOptions();

        Assert.True(options.Enabled);
        Assert.Equal((20, 10, 1), (options.BatchSize, options.MaxAttempts, options.DeadLetterThreshold));
        Assert.Equal(
            (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)),
            (options.PollInterval, options.LeaseDuration, options.InitialBackoff, options.MaxBackoff, options.StalledThreshold));
        Assert.Null(options.OwnerId);
    }

    [Fact]
    public void GetRetryDelay_Defaults_DoublesFromOneSecondUpToFiveMinutes()
    {
        var options = new OutboxDispatcherOptions();

        var delays = Enumerable.Range(1, 12).Select(options.GetRetryDelay).Select(d => d.TotalSeconds);

        Assert.Equal([1d, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], delays);
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(4, 1500)]
    [InlineData(63, 1500)]
    [InlineData(int.MaxValue, 1500)]
    public void GetRetryDelay_CustomBackoff_ExponentialAndCapped(int attempt, int expectedMilliseconds)
    {
        var options = new OutboxDispatcherOptions { InitialBackoff = TimeSpan.FromMilliseconds(250), MaxBackoff = TimeSpan.FromMilliseconds(1500) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), options.GetRetryDelay(attempt));
    }

    [Fact]
    public void GetRetryDelay_SameInput_SameDelay()
        => Assert.Equal(new OutboxDispatcherOptions().GetRetryDelay(5), new OutboxDispatcherOptions().GetRetryDelay(5));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GetRetryDelay_AttemptBelowOne_Throws(int attempt)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new OutboxDispatcherOptions().GetRetryDelay(attempt));

    public static TheoryData<Action<OutboxDispatcherOptions>, string> InvalidOptions => new()
    {
        { o => o.BatchSize = 0, "BatchSize: The field OutboxDispatcherOptions.BatchSize must be between 1 and 1000." },
        { o => o.BatchSize = 1001, "BatchSize: The field OutboxDispatcherOptions.BatchSize must be between 1 and 1000." },
        { o => o.MaxAttempts = 0, "MaxAttempts: The field OutboxDispatcherOptions.MaxAttempts must be between 1 and 100." },
        { o => o.PollInterval = TimeSpan.FromMilliseconds(5), "PollInterval: The field OutboxDispatcherOptions.PollInterval must be between 00:00:00.0100000 and 01:00:00." },
        { o => o.LeaseDuration = TimeSpan.FromMilliseconds(500), "LeaseDuration: The field OutboxDispatcherOptions.LeaseDuration must be between 00:00:01 and 01:00:00." },
        { o => o.InitialBackoff = TimeSpan.Zero, "InitialBackoff: The field OutboxDispatcherOptions.InitialBackoff must be between 00:00:00.0010000 and 1.00:00:00." },
        { o => o.MaxBackoff = TimeSpan.FromDays(8), "MaxBackoff: The field OutboxDispatcherOptions.MaxBackoff must be between 00:00:00.0010000 and 7.00:00:00." },
        { o => o.StalledThreshold = TimeSpan.Zero, "StalledThreshold: The field OutboxDispatcherOptions.StalledThreshold must be between 00:00:01 and 7.00:00:00." },
        { o => o.DeadLetterThreshold = 0, "DeadLetterThreshold: The field OutboxDispatcherOptions.DeadLetterThreshold must be between 1 and 2147483647." },
        { o => o.OwnerId = string.Empty, "OwnerId: OwnerId must be 1 to 128 characters when it is set." },
        { o => o.OwnerId = new string('o', 129), "OwnerId: OwnerId must be 1 to 128 characters when it is set." },
        { o => o.OwnerId = "   ", "OwnerId must not be white space; leave it null to generate one." },
        { o => { o.InitialBackoff = TimeSpan.FromMinutes(10); o.MaxBackoff = TimeSpan.FromMinutes(1); }, "InitialBackoff (00:10:00) must not be greater than MaxBackoff (00:01:00)." },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOptions_ThrowsWithTheExactMessage(Action<OutboxDispatcherOptions> configure, string message)
    {
        using var services = new ServiceCollection().AddRemedora(r => r.AddOutboxDispatcher(configure)).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboxDispatcherOptions>>().Value);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        using var services = new ServiceCollection().AddRemedora(r => r.AddOutboxDispatcher(o => { o.BatchSize = 0; o.MaxAttempts = 0; })).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboxDispatcherOptions>>().Value);

        Assert.Equal(["BatchSize: The field OutboxDispatcherOptions.BatchSize must be between 1 and 1000.", "MaxAttempts: The field OutboxDispatcherOptions.MaxAttempts must be between 1 and 100."], error.Failures);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_HostFailsToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRemedora(r => r.UseInMemoryStorage().AddOutboxDispatcher(o => o.LeaseDuration = TimeSpan.Zero));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("LeaseDuration: The field OutboxDispatcherOptions.LeaseDuration must be between 00:00:01 and 01:00:00.", error.Message);
    }

    [Fact]
    public void Validate_BoundaryValues_Pass()
    {
        using var services = new ServiceCollection().AddRemedora(r => r.AddOutboxDispatcher(o =>
        {
            o.BatchSize = 1000;
            o.MaxAttempts = 1;
            o.PollInterval = TimeSpan.FromMilliseconds(10);
            o.LeaseDuration = TimeSpan.FromHours(1);
            o.InitialBackoff = TimeSpan.FromMinutes(1);
            o.MaxBackoff = TimeSpan.FromMinutes(1);
            o.OwnerId = "node-1";
        })).Services.BuildServiceProvider();

        Assert.Equal("node-1", services.GetRequiredService<IOptions<OutboxDispatcherOptions>>().Value.OwnerId);
    }
}
