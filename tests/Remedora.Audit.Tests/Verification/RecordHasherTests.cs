using CsCheck;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class RecordHasherTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        Gen.String[Gen.Char[' ', '\u00ff'], 0, 20],
        Gen.String[Gen.Char['\u0000', '\u2fff'], 0, 12],
        Gen.String[Gen.Char['\ud7f0', '\ue010'], 0, 6],
        Gen.Const("<script>&'+`\"\\"));

    private static readonly Gen<AuditEvent> Events =
        from text in Gen.Select(Text, Text, Text, Text)
        from optional in Gen.Select(Text.Null(), Text.Null(), Text.Null(), Text.Null())
        from numbers in Gen.Select(Gen.Long[0, 3_000_000_000_000_000L], Gen.Int[0, 7], Gen.Int[0, 11], Gen.Int[0, 3])
        from flags in Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Guid)
        select new AuditEvent
        {
            OccurredAt = new DateTimeOffset(numbers.Item1, TimeSpan.Zero),
            TenantId = TenantId.Parse("t-1"),
            ActorId = text.Item1,
            ActorRole = (ActorRole)numbers.Item2,
            Action = (AuditAction)numbers.Item3,
            ResourceType = text.Item2,
            ResourceId = optional.Item1,
            PatientId = flags.Item1 && flags.Item4 != Guid.Empty ? new Id<Patient>(flags.Item4) : null,
            Outcome = (AuditOutcome)numbers.Item4,
            PurposeOfUse = flags.Item2 ? PurposeOfUse.Treatment : null,
            Source = flags.Item3 ? new RequestSource(text.Item3, optional.Item2, optional.Item3) : null,
            CorrelationId = optional.Item4,
            BreakGlassReason = flags.Item2 ? text.Item4 : null,
            Detail = optional.Item1,
            Disclosure = flags.Item3 && flags.Item1 ? new Disclosure(text.Item1, text.Item2, text.Item4) : null,
        };

    [Fact]
    public void ComputeHash_AnyEvent_IsTheHashAuditChainSeals()
    {
        Gen.Select(Events, Gen.Long[0, long.MaxValue - 1], Gen.Byte.Array[32]).Sample((auditEvent, sequence, previous) =>
        {
            var hasher = new RecordHasher();
            var sealedRecord = AuditChain.Seal(new AuditChainHead(sequence, previous), auditEvent);

            var actual = new byte[32];
            hasher.ComputeHash(previous, sequence + 1, sealedRecord.Event, actual);
            return actual.AsSpan().SequenceEqual(sealedRecord.Hash.Span)
                && hasher.LastCanonical.SequenceEqual(AuditChain.GetCanonicalBytes(sequence + 1, sealedRecord.Event))
                && hasher.Verify(sealedRecord, sequence + 1);
        }, iter: 3000);
    }

    [Fact]
    public void Verify_RecordSealedByAuditChain_IsSelfConsistentOnlyAtItsSequence()
    {
        var record = AuditChain.Seal(new AuditChainHead(41, AuditChain.GenesisHash), AuditFixtures.Event(3));
        var hasher = new RecordHasher();

        Assert.True(hasher.Verify(record, 42));
        Assert.False(hasher.Verify(record, 41));
    }
}
