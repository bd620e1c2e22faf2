using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>How the verifier reports rows a store streams as unreadable (what a database returns for a corrupted row).</summary>
public sealed class UnreadableRowVerifierTests
{
    private static readonly TenantId Tenant = AuditFixtures.Tenant;

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100)]
    public async Task VerifyAsync_RowUnreadable_ReportsUnreadableAtItsIndexWithTheCode(int sequence)
    {
        var storage = AuditFixtures.Chain(100);
        var row = new UnreadableAuditRow(sequence, "outcome", AuditRowProblem.UnknownName);
        storage.StreamRewrite = entries => entries.Select(e => e.Sequence == sequence ? AuditChainEntry.Failed(row, e.PreviousHash) : e);

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.Equal((sequence, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
        Assert.Equal(sequence - 1, result.RecordsVerified);
        Assert.Same(row, result.Break.Unreadable);
        Assert.Contains("outcome:UnknownName", result.Break.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowWithoutSequenceStreamedElsewhere_IsPlacedByItsPreviousHash()
    {
        // SQLite sorts a fractional sequence between two records: the row of record 60 arrives after record 3.
        var storage = AuditFixtures.Chain(100);
        var row = new UnreadableAuditRow(null, "sequence", AuditRowProblem.WrongType);
        storage.StreamRewrite = entries =>
        {
            var stray = AuditChainEntry.Failed(row, entries[59].PreviousHash);
            var list = entries.Where(e => e.Sequence != 60).ToList();
            list.Insert(3, stray);
            return list;
        };

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.Equal((60L, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
    }

    [Fact]
    public async Task VerifyAsync_ForeignRowWithoutSequence_IsUnreadableWhereItStands()
    {
        var storage = AuditFixtures.Chain(100);
        var row = new UnreadableAuditRow(null, "sequence", AuditRowProblem.WrongType);
        storage.StreamRewrite = entries =>
        {
            var list = entries.ToList();
            list.Insert(10, AuditChainEntry.Failed(row, AuditFixtures.RandomHash(new Random(5))));
            return list;
        };

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.Equal((11L, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
    }

    [Fact]
    public async Task VerifyAsync_RowUnreadableAfterAGap_ReportsTheGapFirst()
    {
        var storage = AuditFixtures.Chain(100);
        var row = new UnreadableAuditRow(42, "hash", AuditRowProblem.WrongLength);
        storage.StreamRewrite = entries => entries.Where(e => e.Sequence != 41).Select(e => e.Sequence == 42 ? AuditChainEntry.Failed(row, e.PreviousHash) : e);

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.Equal((41L, AuditBreakReason.Deleted), (result.Break!.Index, result.Break.Reason));
    }

    [Fact]
    public async Task VerifyAsync_HeadUnreadable_ReportsUnreadableAtTheLastRecord()
    {
        var storage = AuditFixtures.Chain(30);
        storage.SetHead(Tenant, new AuditChainHead(30, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(30, "hash", AuditRowProblem.WrongLength) });

        var result = await new AuditChainVerifier(storage).VerifyAsync(Tenant);

        Assert.Equal((30L, AuditBreakReason.Unreadable), (result.Break!.Index, result.Break.Reason));
        Assert.Equal(30, result.RecordsVerified);
    }
}
