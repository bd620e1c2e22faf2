using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Protection;

public sealed class ProtectPhiRegistrationTests
{
    [Fact]
    public void ProtectPhi_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddStorageServices().ProtectPhi());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.ProtectPhi().AddStorageServices().ProtectPhi());

        Assert.Equal(Describe(once), Describe(twice));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ProtectPhi_BeforeOrAfterStorageServices_ReplacesTheCodec(bool protectFirst)
    {
        var services = new ServiceCollection();
        services.AddRemedora(r =>
        {
            if (protectFirst)
            {
                r.ProtectPhi(Configure);
            }

            r.AddStorageServices();
            if (!protectFirst)
            {
                r.ProtectPhi(Configure);
            }
        });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ProtectedDocumentCodec>(provider.GetRequiredService<IDocumentCodec>());
        Assert.Single(services, d => d.ServiceType == typeof(IDocumentCodec));
    }

    [Fact]
    public async Task Start_InvalidKeys_FailsWithTheExactMessages()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRemedora(r => r.ProtectPhi(o =>
        {
            o.Keys["k1"] = Convert.ToBase64String(new byte[16]);
            o.Keys["bad id"] = Convert.ToBase64String(new byte[32]);
            o.CurrentKeyId = "k2";
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "PhiProtectionOptions.Keys['k1'] must be the base64 text of exactly 32 random bytes.",
                "PhiProtectionOptions.Keys has an invalid key id 'bad id': use 1 to 32 characters A-Z, a-z, 0-9, '_' or '-'.",
                "PhiProtectionOptions.CurrentKeyId 'k2' names no key in Keys.",
                "PhiProtectionOptions.BlindIndexKey must be the base64 text of at least 32 random bytes.",
            ],
            error.Failures);
    }

    [Fact]
    public void ProtectPhiWithKeyProvider_UsesTheProvidersKeys()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddStorageServices().ProtectPhi<FixedKeys>());
        using var provider = services.BuildServiceProvider();

        var stored = provider.GetRequiredService<IDocumentCodec>().Encode(CoreCollections.Patients, PhiTestData.Patient());

        Assert.Contains("$phi1.kms-1.", stored, StringComparison.Ordinal);
    }

    internal static void Configure(PhiProtectionOptions o)
    {
        o.Keys["k1"] = Convert.ToBase64String(PhiTestData.K1);
        o.CurrentKeyId = "k1";
        o.BlindIndexKey = Convert.ToBase64String(PhiTestData.Blind);
    }

    private static string[] Describe(IServiceCollection services)
        => services.Select(d => $"{d.ServiceType.FullName}|{d.ImplementationType?.FullName}|{d.Lifetime}").Order(StringComparer.Ordinal).ToArray();

    private sealed class FixedKeys : IPhiKeyProvider
    {
        private readonly PhiKey _key = new("kms-1", PhiTestData.K2);

        public PhiKey CurrentKey => _key;

        public ReadOnlyMemory<byte> BlindIndexKey => PhiTestData.Blind;

        public PhiKey? FindKey(string keyId) => keyId == _key.Id ? _key : null;
    }
}
