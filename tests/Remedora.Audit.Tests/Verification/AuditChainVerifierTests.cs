using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class AuditChainVerifierTests
{
    private static readonly TenantId Tenant = AuditFixtures.Tenant;

    [Fact]
    public async Task VerifyAsync_IntactChain_ReportsEveryRecordVerified()
    {
        var storage = AuditFixtures.Chain(200);

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.True(result.IsIntact);
        Assert.Equal(200, result.RecordsVerified);
        Assert.Equal(200, result.Head.Sequence);
    }

    [Fact]
    public async Task VerifyAsync_EmptyChain_IsIntact()
    {
        var result = await new AuditChainVerifier(new TestStorage()).VerifyAsync(Tenant);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.RecordsVerified);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 4)]
    [InlineData(50, 1)]
    [InlineData(50, 2)]
    [InlineData(50, 3)]
    [InlineData(50, 4)]
    [InlineData(50, 5)]
    [InlineData(50, 6)]
    [InlineData(50, 7)]
    [InlineData(100, 3)]
    [InlineData(100, 0)]
    public async Task VerifyAsync_FieldChanged_ReportsChangedAtThatRecord(int sequence, int field)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.Flip(storage.Chain(Tenant), sequence, field, new Random(sequence));

        await AssertBreakAsync(storage, expected);
    }

    [Fact]
    public async Task VerifyAsync_RecordReplacedWithRecomputedHash_ReportsChangedAtThatRecord()
    {
        var storage = AuditFixtures.Chain(100);
        var chain = storage.Chain(Tenant);
        chain[41] = AuditFixtures.Forge(42, chain[40].Hash, chain[41].Event with { ActorId = "mallory" });

        await AssertBreakAsync(storage, new(42, AuditBreakReason.Changed));
    }

    [Fact]
    public async Task VerifyAsync_LastRecordReplacedWithRecomputedHash_ReportsChangedFromTheHead()
    {
        var storage = AuditFixtures.Chain(100);
        var chain = storage.Chain(Tenant);
        chain[99] = AuditFixtures.Forge(100, chain[98].Hash, chain[99].Event with { ActorId = "mallory" });

        await AssertBreakAsync(storage, new(100, AuditBreakReason.Changed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(57)]
    [InlineData(99)]
    public async Task VerifyAsync_RecordDeleted_ReportsDeletedAtTheMissingSequence(int sequence)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.Delete(storage.Chain(Tenant), sequence);

        await AssertBreakAsync(storage, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(57)]
    [InlineData(99)]
    public async Task VerifyAsync_RecordDeletedAndLaterOnesRenumbered_ReportsDeleted(int sequence)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.DeleteAndRenumber(storage.Chain(Tenant), sequence);

        await AssertBreakAsync(storage, expected);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 100)]
    [InlineData(10, 11)]
    [InlineData(10, 60)]
    [InlineData(99, 100)]
    public async Task VerifyAsync_RecordsSwapped_ReportsReorderedAtTheFirst(int first, int second)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.Swap(storage.Chain(Tenant), first, second);

        await AssertBreakAsync(storage, expected);
    }

    [Fact]
    public async Task VerifyAsync_RecordMovedToTheEnd_ReportsReordered()
    {
        var storage = AuditFixtures.Chain(100);
        var chain = storage.Chain(Tenant);
        var moved = chain[29];
        chain.RemoveAt(29);
        chain.Add(moved with { Sequence = 101 });

        await AssertBreakAsync(storage, new(30, AuditBreakReason.Reordered));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(40, false)]
    [InlineData(40, true)]
    [InlineData(100, false)]
    [InlineData(100, true)]
    public async Task VerifyAsync_RecordInserted_ReportsInsertedAtTheForgedRecord(int sequence, bool forgeLink)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.Insert(storage.Chain(Tenant), sequence, forgeLink, new Random(sequence));

        await AssertBreakAsync(storage, expected);
    }

    [Fact]
    public async Task VerifyAsync_RecordAppendedBeyondTheHead_ReportsInserted()
    {
        var storage = AuditFixtures.Chain(100);
        var chain = storage.Chain(Tenant);
        chain.Add(AuditFixtures.Forge(101, chain[99].Hash, AuditFixtures.Event(5)));

        await AssertBreakAsync(storage, new(101, AuditBreakReason.Inserted));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(100)]
    public async Task VerifyAsync_TailRemoved_ReportsTruncatedAtTheFirstMissing(int sequence)
    {
        var storage = AuditFixtures.Chain(100);
        var expected = Tamper.Truncate(storage.Chain(Tenant), sequence);

        await AssertBreakAsync(storage, expected);
    }

    [Fact]
    public async Task VerifyAsync_HeadHashAltered_ReportsChangedAtTheLastRecord()
    {
        var storage = AuditFixtures.Chain(100);
        storage.SetHead(Tenant, new AuditChainHead(100, AuditFixtures.RandomHash(new Random(1))));

        await AssertBreakAsync(storage, new(100, AuditBreakReason.Changed));
    }

    [Fact]
    public async Task VerifyAsync_WholesaleRewrite_IsConsistentWithoutACheckpoint()
    {
        var storage = AuditFixtures.Chain(100);
        Tamper.Rewrite(storage, Tenant, 30);

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.True(result.IsIntact);
    }

    [Fact]
    public async Task VerifyAsync_StreamsOtherTenantsSeparately()
    {
        var other = TenantId.Parse("other-clinic");
        var storage = AuditFixtures.Chain(20);
        storage.Append(other, Enumerable.Range(0, 5).Select(i => AuditFixtures.Event(i, other)));
        Tamper.Delete(storage.Chain(Tenant), 3);

        var verifier = new AuditChainVerifier(storage);

        Assert.True((await verifier.VerifyAsync(other)).IsIntact);
        Assert.False((await verifier.VerifyAsync(Tenant)).IsIntact);
    }

    internal static async Task AssertBreakAsync(TestStorage storage, AuditChainBreakExpectation expected, AuditCheckpoint? checkpoint = null, IAuditCheckpointSigner? signer = null)
    {
        var result = await new AuditChainVerifier(storage, signer).VerifyAsync(Tenant, checkpoint);

        Assert.False(result.IsIntact);
        Assert.Equal((expected.Index, expected.Reason), (result.Break!.Index, result.Break.Reason));
    }
}
