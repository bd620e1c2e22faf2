using System.Security.Cryptography;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>The verifier's check of one record: its stored hash against the hash of its stored fields at a position.</summary>
public sealed class RecordHasherTests
{
    [Fact]
    public void Verify_SealedRecords_AreConsistentAndATamperedOneIsNot()
    {
        var hasher = new RecordHasher();
        var head = new AuditChainHead(0, RandomNumberGenerator.GetBytes(AuditChain.HashLength));
        for (var i = 0; i < 500; i++)
        {
            // Long and short events alternate, so a shorter one follows a longer one in the reused buffer.
            var auditEvent = i % 3 == 0 ? AuditFixtures.Event(i) with { Detail = new string('d', 700 + i) } : AuditFixtures.Event(i);
            var record = AuditChain.Seal(head, auditEvent);

            Assert.True(hasher.Verify(record, record.Sequence));
            Assert.False(hasher.Verify(record with { Event = record.Event with { ActorId = record.Event.ActorId + "x" } }, record.Sequence));
            head = new AuditChainHead(record.Sequence, record.Hash);
        }
    }

    [Fact]
    public void Verify_RecordSealedByAuditChain_IsSelfConsistentOnlyAtItsSequence()
    {
        var record = AuditChain.Seal(new AuditChainHead(41, AuditChain.GenesisHash), AuditFixtures.Event(3));
        var hasher = new RecordHasher();

        Assert.True(hasher.Verify(record, 42));
        Assert.False(hasher.Verify(record, 41));
    }

    [Fact]
    public void Verify_HashOfWrongLength_IsNotConsistent()
    {
        var record = AuditChain.Seal(new AuditChainHead(0, AuditChain.GenesisHash), AuditFixtures.Event(1));

        Assert.False(new RecordHasher().Verify(record with { Hash = record.Hash[..31] }, 1));
        Assert.False(new RecordHasher().Verify(record with { PreviousHash = new byte[33] }, 1));
    }
}
