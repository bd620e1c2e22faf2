using System.Text;
using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Protection;

/// <summary>What a protecting codec does to outbox payloads and to the free-text fields of audit events.</summary>
public sealed class ProtectedPayloadAndAuditTests
{
    private static readonly TenantId Tenant = TenantId.Parse("acme-derm");
    private const string Payload = "{\"redFlags\":[{\"ruleId\":\"phq9-self-harm\",\"description\":\"thoughts of self-harm\"}],\"scores\":{\"phq9-total\":7}}";

    [Fact]
    public void EncodePayload_ProtectionOn_StoresNoPlaintextAndDecodesBack()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());

        var stored = codec.EncodePayload(Tenant, OutboxMessage.QueueName, "intake.submitted", Payload);

        Assert.StartsWith(PhiCipher.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("phq9", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Payload, codec.DecodePayload(Tenant, OutboxMessage.QueueName, "intake.submitted", stored));
    }

    [Fact]
    public void DecodePayload_PlainPayloadWrittenBeforeProtection_ReadsAsStored()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());

        Assert.Equal(Payload, codec.DecodePayload(Tenant, OutboxMessage.QueueName, "intake.submitted", Payload));
    }

    [Fact]
    public void DecodePayload_CiphertextMovedToAnotherMessageTypeOrTenant_Throws()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var stored = codec.EncodePayload(Tenant, OutboxMessage.QueueName, "intake.submitted", Payload);

        Assert.Throws<PhiDecryptionException>(() => codec.DecodePayload(Tenant, OutboxMessage.QueueName, "care-paths.case-opened", stored));
        Assert.Throws<PhiDecryptionException>(() => codec.DecodePayload(TenantId.Parse("other"), OutboxMessage.QueueName, "intake.submitted", stored));
    }

    [Fact]
    public void EncodeAuditEvent_ProtectionOn_EncryptsReasonDetailAndDescriptionAndTheChainCoversTheCiphertext()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var plain = Event();

        var stored = codec.EncodeAuditEvent(plain);
        var record = AuditChain.Seal(new AuditChainHead(0, AuditChain.GenesisHash), stored);
        var canonical = Encoding.UTF8.GetString(AuditChain.GetCanonicalBytes(record.Sequence, record.Event));

        Assert.DoesNotContain("unconscious", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("escalation:RedFlag", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("PHQ-9 answers", canonical, StringComparison.Ordinal);
        Assert.Equal(record.Hash.ToArray(), AuditChain.ComputeHash(AuditChain.GenesisHash.Span, AuditChain.GetCanonicalBytes(1, record.Event)));
        Assert.True(codec.TryDecodeAuditEvent(record.Event, out var decoded));
        Assert.Equal(plain, decoded);
    }

    [Fact]
    public void TryDecodeAuditEvent_PlainEventWrittenBeforeProtection_ReturnsItUnchanged()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var plain = Event();

        Assert.True(codec.TryDecodeAuditEvent(plain, out var decoded));
        Assert.Same(plain, decoded);
    }

    [Fact]
    public void TryDecodeAuditEvent_KeyNotInTheRing_ReturnsFalseWithTheFieldStillProtectedAndDoesNotThrow()
    {
        var stored = new ProtectedDocumentCodec(PhiTestData.Ring()).EncodeAuditEvent(Event());
        var otherRing = new PhiKeyRing([new PhiKey("k9", Enumerable.Range(200, 32).Select(i => (byte)i).ToArray())], "k9", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        Assert.False(new ProtectedDocumentCodec(otherRing).TryDecodeAuditEvent(stored, out var decoded));
        Assert.True(PhiCipher.IsProtected(decoded.BreakGlassReason));
        Assert.True(PhiCipher.IsProtected(decoded.Detail));
    }

    [Fact]
    public void DefaultCodec_PayloadsAndAuditEvents_StayAsTheyAre()
    {
        IDocumentCodec codec = new JsonDocumentCodec();
        var plain = Event();

        Assert.Equal(Payload, codec.EncodePayload(Tenant, OutboxMessage.QueueName, "intake.submitted", Payload));
        Assert.Same(plain, codec.EncodeAuditEvent(plain));
    }

    private static AuditEvent Event() => new()
    {
        OccurredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
        TenantId = Tenant,
        ActorId = "dr-er",
        ActorRole = ActorRole.Clinician,
        Action = AuditAction.Read,
        ResourceType = "Patient",
        PatientId = new Id<Patient>(Guid.CreateVersion7()),
        Outcome = AuditOutcome.Success,
        BreakGlassReason = "unconscious on arrival",
        Detail = "escalation:RedFlag",
        Disclosure = new Disclosure("County health", "public-health", "PHQ-9 answers"),
    };
}
