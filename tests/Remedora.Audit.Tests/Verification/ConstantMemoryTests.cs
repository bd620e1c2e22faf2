using System.Runtime.CompilerServices;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class ConstantMemoryTests
{
    private const long Records = 1_000_000;

    [Fact]
    public async Task VerifyAsync_MillionRecords_HoldsNoRecordItHasPassed()
    {
        var store = new GeneratedChainStore(Records);

        var result = await new AuditChainVerifier(store).VerifyAsync(AuditFixtures.Tenant);

        Assert.True(result.IsIntact);
        Assert.Equal(Records, result.RecordsVerified);
        Assert.Equal(10, store.RetentionChecks);
        Assert.Equal(0, store.RetainedSamples);
    }

    /// <summary>
    /// Serves a valid chain whose records are created only when streamed (the hashes are computed once, up front), and
    /// at ten points while streaming forces a collection and counts which records handed out well before that point are
    /// still alive.
    /// </summary>
    private sealed class GeneratedChainStore : IAuditLogStore
    {
        private static readonly AuditEvent[] Events = Enumerable.Range(0, 4096).Select(i => AuditFixtures.Event(i)).ToArray();
        private readonly long _count;
        private readonly byte[] _hashes;
        private readonly List<WeakReference<AuditRecord>> _samples = [];

        public GeneratedChainStore(long count)
        {
            _count = count;
            _hashes = new byte[(count + 1) * AuditChain.HashLength];
            for (long i = 1; i <= count; i++)
            {
                AuditChain.ComputeHash(HashAt(i - 1).Span, i, EventAt(i), _hashes.AsSpan((int)(i * AuditChain.HashLength), AuditChain.HashLength));
            }
        }

        public int RetentionChecks { get; private set; }

        public int RetainedSamples { get; private set; }

        public Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default)
            => Task.FromResult(new AuditChainHead(_count, HashAt(_count)));

        public async IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var sequence = fromSequence; sequence <= _count; sequence++)
            {
                var record = new AuditRecord(sequence, EventAt(sequence), HashAt(sequence - 1), HashAt(sequence));
                if (sequence % 1000 == 0)
                {
                    _samples.Add(new WeakReference<AuditRecord>(record));
                }

                if (sequence % (_count / 10) == 0)
                {
                    CheckRetention();
                }

                yield return AuditChainEntry.Read(record);
            }

            await Task.CompletedTask;
        }

        public Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Verification does not query.");

        public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<TenantId>>([AuditFixtures.Tenant]);

        private ReadOnlyMemory<byte> HashAt(long sequence) => _hashes.AsMemory((int)(sequence * AuditChain.HashLength), AuditChain.HashLength);

        private static AuditEvent EventAt(long sequence) => Events[sequence % Events.Length] with { OccurredAt = AuditFixtures.Start.AddTicks(sequence * 10L) };

        private void CheckRetention()
        {
            // Every sample but the newest two was handed out long ago; none of it may still be alive.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            RetentionChecks++;
            var old = Math.Max(0, _samples.Count - 2);
            RetainedSamples += _samples.Take(old).Count(w => w.TryGetTarget(out _));
            _samples.RemoveRange(0, old);
        }
    }
}
