using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class AddAuditTests
{
    [Fact]
    public void AddAudit_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddAudit());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.AddAudit().AddAudit());
        twice.AddRemedora(r => r.AddAudit());

        Assert.Equal(Describe(once), Describe(twice));
    }

    [Fact]
    public void AddAudit_Resolves_EveryAuditService()
    {
        using var provider = Build(o => { }).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<AuditChainVerifier>());
        Assert.NotNull(provider.GetRequiredService<AuditCheckpoints>());
        Assert.IsType<AuditReports>(provider.GetRequiredService<IAuditReports>());
        Assert.Contains(provider.GetServices<IOutboxHandler>(), h => h.MessageType == AccessGuard.BreakGlassMessageType);
    }

    [Fact]
    public async Task Start_CheckpointKeyIdWithoutKey_FailsWithTheExactMessage()
    {
        using var host = Host(o => o.CheckpointKeyId = "k9");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("CheckpointKeyId 'k9' names no key in CheckpointKeys: add the key or change the id.", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Start_ShortOrMalformedKeys_FailWithTheExactMessages()
    {
        using var host = Host(o =>
        {
            o.CheckpointKeys["short"] = Convert.ToBase64String(new byte[16]);
            o.CheckpointKeys["bad id!"] = Convert.ToBase64String(new byte[32]);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "CheckpointKeys['short'] must be the base64 text of at least 32 random bytes.",
                "CheckpointKeys has an invalid key id 'bad id!': use 1 to 64 characters A-Z, a-z, 0-9, '.', '_' or '-'.",
            ],
            error.Failures.Order(StringComparer.Ordinal).Reverse().ToArray());
    }

    [Fact]
    public async Task Start_ValidKeys_SignsCheckpointsWithTheConfiguredKey()
    {
        using var host = Host(o =>
        {
            o.CheckpointKeys["2026-01"] = Convert.ToBase64String(AuditHarness.Key1);
            o.CheckpointKeyId = "2026-01";
        });
        await host.StartAsync();
        var tenant = AuditFixtures.Tenant;

        var checkpoint = await host.Services.GetRequiredService<AuditCheckpoints>().CreateAsync(ActorContext.ForSystem(tenant, "job"));
        var reference = new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["2026-01"] = AuditHarness.Key1 }, "2026-01");

        Assert.Equal("2026-01", checkpoint.KeyId);
        Assert.True(await AuditCheckpoint.VerifySignatureAsync(checkpoint, reference));
        await host.StopAsync();
    }

    [Fact]
    public async Task CreateCheckpoint_NoKeyConfigured_ThrowsSignerMissing()
    {
        using var host = Host(o => { });
        await host.StartAsync();

        var error = await Assert.ThrowsAsync<AuditCheckpointSignerMissingException>(() => host.Services.GetRequiredService<AuditCheckpoints>().CreateAsync(ActorContext.ForSystem(AuditFixtures.Tenant, "job")));

        Assert.Equal("remedora.audit.checkpoint_signer_missing", error.Code);
        await host.StopAsync();
    }

    internal static ServiceCollection Build(Action<AuditOptions> configure, TestStorage? storage = null)
    {
        storage ??= new TestStorage();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStorageSessionFactory>(storage);
        services.AddSingleton<IAuditLogStore>(storage);
        services.AddSingleton<ICareRelationships>(new TestRelationships());
        services.AddRemedora(r => r.AddAudit(configure));
        return services;
    }

    private static IHost Host(Action<AuditOptions> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        foreach (var descriptor in Build(configure))
        {
            builder.Services.Add(descriptor);
        }

        return builder.Build();
    }

    private static string[] Describe(IServiceCollection services)
        => services.Select(d => $"{d.ServiceType.FullName}|{d.ImplementationType?.FullName}|{d.Lifetime}").Order(StringComparer.Ordinal).ToArray();
}
