using System.Buffers.Text;
using System.Security.Cryptography;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Records;

public class ContinuationTokenProtectorTests
{
    private static readonly TenantId Tenant = TenantId.Parse("tenant-a");
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly ActorContext Patient = ActorContext.ForPatient(Tenant, Id<Patient>.New());
    private const string Scope = "records:care-cases";
    private const string Query = "order=(key):asc;limit=10";
    private const string Position = "MXxuOjAxOTNhMGYyLTdjMWUtN2Q0YS05YjFlLTJmNWMzYThkOWUxMA";

    [Fact]
    public void Unprotect_SameActorScopeAndQuery_ReturnsThePosition()
    {
        var protector = new ContinuationTokenProtector(Secret);

        var token = protector.Protect(Patient, Scope, Query, Position);

        Assert.Equal(Position, protector.Unprotect(Patient, Scope, Query, token));
        Assert.Null(protector.Protect(Patient, Scope, Query, null));
        Assert.Null(protector.Unprotect(Patient, Scope, Query, null));
    }

    [Fact]
    public void Unprotect_OtherHostInstanceWithTheSameSecret_ReturnsThePosition()
    {
        var token = new ContinuationTokenProtector(Secret).Protect(Patient, Scope, Query, Position);

        Assert.Equal(Position, new ContinuationTokenProtector((byte[])Secret.Clone()).Unprotect(Patient, Scope, Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => new ContinuationTokenProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(Patient, Scope, Query, token));
    }

    [Fact]
    public void Unprotect_AnotherBinding_Refused()
    {
        var protector = new ContinuationTokenProtector(Secret);
        var token = protector.Protect(Patient, Scope, Query, Position);

        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(ActorContext.ForPatient(Tenant, Id<Patient>.New()), Scope, Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(ActorContext.ForPatient(TenantId.Parse("tenant-b"), Patient.PatientId!.Value), Scope, Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(ActorContext.ForSystem(Tenant, Patient.UserId), Scope, Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, "records:patients", Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query + ";where=state:Equal:sopen", token));
    }

    [Fact]
    public void Protect_SamePositionTwice_TokensDifferAndHaveOneLengthPerPaddingBlock()
    {
        var protector = new ContinuationTokenProtector(Secret);

        var first = protector.Protect(Patient, Scope, Query, "short")!;
        var second = protector.Protect(Patient, Scope, Query, "short")!;
        var longer = protector.Protect(Patient, Scope, Query, "a little longer")!;

        Assert.NotEqual(first, second);
        Assert.Equal(first.Length, longer.Length);
    }

    [Fact]
    public void Unprotect_AnyFlippedBit_Refused()
    {
        var protector = new ContinuationTokenProtector(Secret);
        var bytes = Base64Url.DecodeFromChars(protector.Protect(Patient, Scope, Query, Position)!);

        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte[1, 255]).Sample((index, mask) =>
        {
            var altered = (byte[])bytes.Clone();
            altered[index] ^= mask;
            Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query, Base64Url.EncodeToString(altered)));
        }, iter: 2000);
    }

    [Fact]
    public void Unprotect_TruncatedOrExtended_Refused()
    {
        var protector = new ContinuationTokenProtector(Secret);
        var token = protector.Protect(Patient, Scope, Query, Position)!;

        for (var length = 0; length < token.Length; length++)
        {
            Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query, token[..length]));
        }

        Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query, token + "AAAA"));
    }

    [Fact]
    public void Unprotect_RandomText_Refused()
    {
        var protector = new ContinuationTokenProtector(Secret);

        Gen.String.Sample(text =>
        {
            var refused = Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query, text));
            Assert.Equal(StorageErrorCodes.InvalidContinuationToken, refused.Code);
        }, iter: 500);
        Gen.Byte.Array[0, 200].Sample(bytes => Assert.Throws<InvalidContinuationTokenException>(() => protector.Unprotect(Patient, Scope, Query, Base64Url.EncodeToString(bytes))), iter: 500);
    }

    [Fact]
    public void Constructor_ShortSecret_ThrowsArgumentException()
        => Assert.Throws<ArgumentException>(() => new ContinuationTokenProtector(new byte[31]));

    [Fact]
    public void Create_KeySources_OptionThenPhiKeysThenEphemeral()
    {
        var phi = new PhiKeyRing([new PhiKey("k1", RandomNumberGenerator.GetBytes(32))], "k1", RandomNumberGenerator.GetBytes(32));

        var fromOption = ContinuationTokenProtector.Create(new ContinuationTokenOptions { Secret = Secret }, phi);
        var fromPhi = ContinuationTokenProtector.Create(new ContinuationTokenOptions(), phi);
        var ephemeral = ContinuationTokenProtector.Create(new ContinuationTokenOptions());

        var token = fromOption.Protect(Patient, Scope, Query, Position);
        Assert.Equal(Position, new ContinuationTokenProtector(Secret).Unprotect(Patient, Scope, Query, token));
        Assert.Equal(Position, new ContinuationTokenProtector(phi.BlindIndexKey.Span).Unprotect(Patient, Scope, Query, fromPhi.Protect(Patient, Scope, Query, Position)));
        Assert.False(fromOption.IsEphemeral);
        Assert.False(fromPhi.IsEphemeral);
        Assert.True(ephemeral.IsEphemeral);
    }

    [Fact]
    public void Create_NeitherSecretNorPhiKeys_WarnsThatTokensDoNotSurviveRestartsOrCrossInstances()
    {
        var logger = new FakeLogger();

        ContinuationTokenProtector.Create(new ContinuationTokenOptions(), logger: logger);
        ContinuationTokenProtector.Create(new ContinuationTokenOptions { Secret = Secret }, logger: logger);

        var records = logger.Collector.GetSnapshot();
        Assert.Equal((LogLevel.Warning, 2102), (records[0].Level, records[0].Id.Id));
        Assert.Contains("will not survive a restart and will not work across host instances", records[0].Message, StringComparison.Ordinal);
        Assert.Equal((LogLevel.Information, "Continuation tokens are sealed with a key derived from ContinuationTokenOptions.Secret"), (records[1].Level, records[1].Message));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddStorageServices_TwoHostInstancesSharingKeys_AcceptEachOthersTokens(bool phiProtection)
    {
        using var first = Host(phiProtection, phiProtection ? null : Secret);
        using var second = Host(phiProtection, phiProtection ? null : (byte[])Secret.Clone());
        using var unrelated = Host(phiProtection: false, secret: RandomNumberGenerator.GetBytes(32));

        var token = first.GetRequiredService<ContinuationTokenProtector>().Protect(Patient, Scope, Query, Position);

        Assert.Equal(Position, second.GetRequiredService<ContinuationTokenProtector>().Unprotect(Patient, Scope, Query, token));
        Assert.Throws<InvalidContinuationTokenException>(() => unrelated.GetRequiredService<ContinuationTokenProtector>().Unprotect(Patient, Scope, Query, token));
    }

    [Fact]
    public void AddStorageServices_NoSecretNoPhiProtection_EachInstanceHasItsOwnKey()
    {
        using var first = Host(phiProtection: false, secret: null);
        using var second = Host(phiProtection: false, secret: null);

        var token = first.GetRequiredService<ContinuationTokenProtector>().Protect(Patient, Scope, Query, Position);

        Assert.True(first.GetRequiredService<ContinuationTokenProtector>().IsEphemeral);
        Assert.Throws<InvalidContinuationTokenException>(() => second.GetRequiredService<ContinuationTokenProtector>().Unprotect(Patient, Scope, Query, token));
    }

    [Fact]
    public async Task AddStorageServices_ShortSecret_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddStorageServices());
        services.Configure<ContinuationTokenOptions>(o => o.Secret = new byte[8]);
        await using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ContinuationTokenOptions>>().Value);

        Assert.Equal("ContinuationTokenOptions.Secret needs at least 32 random bytes, the same on every host instance.", failure.Message);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "ContinuationTokenKeyCheck");
    }

    private static ServiceProvider Host(bool phiProtection, byte[]? secret)
    {
        var services = new ServiceCollection();
        services.AddRemedora(r =>
        {
            r.AddStorageServices();
            if (phiProtection)
            {
                r.ProtectPhi(Protection.ProtectPhiRegistrationTests.Configure);
            }
        });
        if (secret is not null)
        {
            services.Configure<ContinuationTokenOptions>(o => o.Secret = secret);
        }

        return services.BuildServiceProvider();
    }
}
