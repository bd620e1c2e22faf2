using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class TamperMatrixTests
{
    private const int Records = 10_000;
    private const int Tamperings = 1_000;
    private static readonly TenantId Tenant = AuditFixtures.Tenant;

    [Fact]
    public async Task VerifyAsync_ThousandRandomTamperings_EachDetectedAtTheRightFirstIndex()
    {
        var storage = AuditFixtures.Chain(Records);
        var original = storage.Chain(Tenant).ToArray();
        var verifier = new AuditChainVerifier(storage);
        var random = new Random(20260105);
        var counts = new Dictionary<AuditBreakReason, int>();

        for (var n = 0; n < Tamperings; n++)
        {
            var chain = storage.Chain(Tenant);
            var kind = n % 5;
            var expected = kind switch
            {
                0 => Tamper.Flip(chain, random.Next(1, Records + 1), random.Next(8), random),
                1 => random.Next(2) == 0 ? Tamper.Delete(chain, random.Next(1, Records)) : Tamper.DeleteAndRenumber(chain, random.Next(1, Records)),
                2 => SwapRandom(chain, random),
                3 => Tamper.Insert(chain, random.Next(1, Records + 1), forgeLink: random.Next(2) == 0, random),
                _ => Tamper.Truncate(chain, random.Next(1, Records + 1)),
            };

            var result = await verifier.VerifyAsync(Tenant);

            Assert.False(result.IsIntact, $"tampering {n} ({expected}) was not detected");
            Assert.Equal((expected.Index, expected.Reason), (result.Break!.Index, result.Break.Reason));
            counts[expected.Reason] = counts.GetValueOrDefault(expected.Reason) + 1;

            chain.Clear();
            chain.AddRange(original);
        }

        Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);
        Assert.Equal(5, counts.Count);
        Assert.Equal(Tamperings, counts.Values.Sum());
    }

    private static AuditChainBreakExpectation SwapRandom(List<AuditRecord> chain, Random random)
    {
        var first = random.Next(1, Records);
        var second = random.Next(2) == 0 ? first + 1 : random.Next(first + 1, Records + 1);
        return Tamper.Swap(chain, first, second);
    }
}
