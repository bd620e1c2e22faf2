using System.Security.Cryptography;
using System.Text;

namespace Remedora.Storage.Tests.AuditLog;

public class AuditChainTests
{
    private static readonly TenantId Tenant = TenantId.Parse("acme-derm");

    private static AuditEvent Full => new()
    {
        // 12:00:00.1234567 at -05:00 is 17:00:00.1234567 UTC; storage keeps whole microseconds.
        OccurredAt = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1234567),
        TenantId = Tenant,
        ActorId = "clinician-7",
        ActorRole = ActorRole.Clinician,
        Action = AuditAction.Disclose,
        ResourceType = "CareCase",
        ResourceId = "case-1",
        PatientId = Id<Patient>.Parse("0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10"),
        Outcome = AuditOutcome.Success,
        PurposeOfUse = PurposeOfUse.EmergencyTreatment,
        Source = new RequestSource("portal", "203.0.113.7", "browser"),
        CorrelationId = "corr-1",
        BreakGlassReason = "unconscious patient",
        Detail = "basis:BreakGlass",
        Disclosure = new Disclosure("Example Pharmacy", "treatment", "prescription"),
    };

    private static AuditEvent Minimal => new()
    {
        OccurredAt = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero),
        TenantId = Tenant,
        ActorId = "system",
        ActorRole = ActorRole.System,
        Action = AuditAction.Login,
        ResourceType = "Session",
        Outcome = AuditOutcome.Failed,
    };

    [Fact]
    public void GetCanonicalBytes_FullEvent_MatchesGoldenBytes()
    {
        var bytes = AuditChain.GetCanonicalBytes(7, AuditChain.Normalize(Full));

        Assert.Equal(
            "{\"v\":1,\"seq\":7,\"tenant\":\"acme-derm\",\"at\":\"2025-03-03T17:00:00.123456Z\",\"actor\":\"clinician-7\",\"role\":\"Clinician\",\"action\":\"Disclose\",\"type\":\"CareCase\",\"id\":\"case-1\",\"patient\":\"0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10\",\"outcome\":\"Success\",\"purpose\":\"ETREAT\",\"source\":{\"app\":\"portal\",\"addr\":\"203.0.113.7\",\"device\":\"browser\"},\"corr\":\"corr-1\",\"breakGlass\":\"unconscious patient\",\"detail\":\"basis:BreakGlass\",\"disclosure\":{\"recipient\":\"Example Pharmacy\",\"purpose\":\"treatment\",\"description\":\"prescription\"}}",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void GetCanonicalBytes_MinimalEvent_WritesEveryMemberWithNulls()
    {
        var bytes = AuditChain.GetCanonicalBytes(1, Minimal);

        Assert.Equal(
            "{\"v\":1,\"seq\":1,\"tenant\":\"acme-derm\",\"at\":\"2025-03-03T09:00:00.000000Z\",\"actor\":\"system\",\"role\":\"System\",\"action\":\"Login\",\"type\":\"Session\",\"id\":null,\"patient\":null,\"outcome\":\"Failed\",\"purpose\":null,\"source\":null,\"corr\":null,\"breakGlass\":null,\"detail\":null,\"disclosure\":null}",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ComputeHash_GenesisAndMinimalEvent_MatchesGoldenSha256()
    {
        var hash = AuditChain.ComputeHash(AuditChain.GenesisHash.Span, AuditChain.GetCanonicalBytes(1, Minimal));

        Assert.Equal("c39cb4722d47d7025dd8be79837fc2cce70925642e46486ca230ded7906b4703", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void ComputeHash_Always_IsSha256OfPreviousHashThenCanonicalBytes()
    {
        var previous = RandomNumberGenerator.GetBytes(AuditChain.HashLength);
        var canonical = AuditChain.GetCanonicalBytes(7, AuditChain.Normalize(Full));

        var hash = AuditChain.ComputeHash(previous, canonical);

        Assert.Equal(SHA256.HashData([.. previous, .. canonical]), hash);
        Assert.Equal("af2b4104f65073b97d53eeea26ec27cd31c11093c3f2614a2a3b533a86b0b5c5", Convert.ToHexStringLower(AuditChain.ComputeHash(AuditChain.GenesisHash.Span, canonical)));
    }

    [Fact]
    public void ComputeHash_FromEvent_IsTheHashOverPreviousHashAndCanonicalBytes()
    {
        var previous = RandomNumberGenerator.GetBytes(AuditChain.HashLength);
        var normalized = AuditChain.Normalize(Full);
        var destination = new byte[40];

        AuditChain.ComputeHash(previous, 7, normalized, destination);

        Assert.Equal(AuditChain.ComputeHash(previous, AuditChain.GetCanonicalBytes(7, normalized)), destination[..32]);
        Assert.Equal(new byte[8], destination[32..]);
        Assert.Equal("previousHash", Assert.Throws<ArgumentException>(() => AuditChain.ComputeHash(new byte[31], 7, normalized, destination)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => AuditChain.ComputeHash(previous, 7, normalized, new byte[31])).ParamName);
    }

    [Fact]
    public void ComputeHash_PreviousHashOfWrongLength_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => AuditChain.ComputeHash(new byte[31], [1, 2, 3]));

        Assert.Equal("previousHash", error.ParamName);
    }

    [Fact]
    public void GenesisHash_Is32ZeroBytes()
        => Assert.Equal(new byte[32], AuditChain.GenesisHash.ToArray());

    [Fact]
    public void Normalize_TimeWithOffsetAndTicks_UtcWholeMicroseconds()
    {
        var normalized = AuditChain.Normalize(Full);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 17, 0, 0, TimeSpan.Zero).AddTicks(1234560), normalized.OccurredAt);
        Assert.Equal(TimeSpan.Zero, normalized.OccurredAt.Offset);
        Assert.Equal(Full with { OccurredAt = normalized.OccurredAt }, normalized);
    }

    [Fact]
    public void Normalize_AlreadyNormalised_ReturnsSameInstance()
    {
        var minimal = Minimal;

        Assert.Same(minimal, AuditChain.Normalize(minimal));
    }

    [Fact]
    public void Seal_Head_ChainsNextRecord()
    {
        var first = AuditChain.Seal(new AuditChainHead(0, AuditChain.GenesisHash), Minimal);
        var second = AuditChain.Seal(new AuditChainHead(first.Sequence, first.Hash), Full);

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal(AuditChain.GenesisHash.ToArray(), first.PreviousHash.ToArray());
        Assert.Equal(first.Hash.ToArray(), second.PreviousHash.ToArray());
        Assert.Equal(AuditChain.Normalize(Full), second.Event);
        Assert.Equal(AuditChain.ComputeHash(first.Hash.Span, AuditChain.GetCanonicalBytes(2, second.Event)), second.Hash.ToArray());
    }

    [Theory]
    [InlineData("sequence")]
    [InlineData("tenant")]
    [InlineData("actor")]
    [InlineData("detail")]
    [InlineData("time")]
    public void ComputeHash_AnyFieldChanged_ChangesHash(string field)
    {
        var original = AuditChain.Normalize(Full);
        var (sequence, changed) = field switch
        {
            "sequence" => (8L, original),
            "tenant" => (7L, original with { TenantId = TenantId.Parse("other") }),
            "actor" => (7L, original with { ActorId = "clinician-8" }),
            "detail" => (7L, original with { Detail = null }),
            _ => (7L, original with { OccurredAt = original.OccurredAt.AddTicks(10) }),
        };

        var before = AuditChain.ComputeHash(AuditChain.GenesisHash.Span, AuditChain.GetCanonicalBytes(7, original));
        var after = AuditChain.ComputeHash(AuditChain.GenesisHash.Span, AuditChain.GetCanonicalBytes(sequence, changed));

        Assert.NotEqual(before, after);
    }
}
