using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Remedora.Audit;
using Remedora.Storage;

namespace Remedora.Benchmarks.Audit;

/// <summary>
/// Verification throughput: <see cref="AuditChainVerifier"/> over 10,000 records held in memory (so the figure is the
/// verifier's own cost, not a database's) against the floor, <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// over the same previous-hash-and-canonical bytes, precomputed. The requirement is verification at no less than half
/// the speed of bare hashing: a Ratio of at most 2.
/// </summary>
[MemoryDiagnoser]
public class AuditVerificationBenchmarks
{
    private const int Records = 10_000;
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private readonly byte[] _hash = new byte[32];
    private MemoryChain _chain = null!;
    private byte[][] _hashInputs = null!;
    private AuditChainVerifier _verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var head = new AuditChainHead(0, AuditChain.GenesisHash);
        var records = new AuditRecord[Records];
        _hashInputs = new byte[Records][];
        for (var i = 0; i < Records; i++)
        {
            var record = AuditChain.Seal(head, Event(i));
            records[i] = record;
            _hashInputs[i] = [.. record.PreviousHash.Span, .. AuditChain.GetCanonicalBytes(record.Sequence, record.Event)];
            head = new AuditChainHead(record.Sequence, record.Hash);
        }

        _chain = new MemoryChain(records, head);
        _verifier = new AuditChainVerifier(_chain);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public byte Sha256HashData()
    {
        byte last = 0;
        foreach (var input in _hashInputs)
        {
            SHA256.HashData(input, _hash);
            last ^= _hash[0];
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public async Task<long> VerifyChain()
    {
        var result = await _verifier.VerifyAsync(Tenant);
        return result.IsIntact ? result.RecordsVerified : throw new InvalidOperationException("The benchmark chain is broken.");
    }

    /// <summary>The clinician read the append benchmarks write, at its own time, by one of 17 users, with its own correlation id.</summary>
    private static AuditEvent Event(int i) => SampleAuditEvents.ClinicianRead(Tenant) with
    {
        OccurredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddTicks(i * 13_370L),
        ActorId = $"user-{i % 17}",
        CorrelationId = Guid.CreateVersion7().ToString("N"),
    };

    private sealed class MemoryChain(AuditRecord[] records, AuditChainHead head) : IAuditLogStore
    {
        // The stream's entries are made once, so the benchmark measures the verifier rather than wrapping records.
        private readonly AuditChainEntry[] _entries = Array.ConvertAll(records, AuditChainEntry.Read);

        public async IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = (int)fromSequence - 1; i < _entries.Length; i++)
            {
                yield return _entries[i];
            }

            await Task.CompletedTask;
        }

        public Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default) => Task.FromResult(head);

        public Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TenantId>>([Tenant]);
    }
}
