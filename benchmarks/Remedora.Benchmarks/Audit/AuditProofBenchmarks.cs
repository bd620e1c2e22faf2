using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Remedora.Audit.Proofs;
using Remedora.Storage;

namespace Remedora.Benchmarks.Audit;

/// <summary>
/// Inclusion proofs in a log of 1,000,000 records: building a record's audit path from the stored tree nodes (held in
/// memory here, so the figure excludes the one indexed query of at most 20 rows a database answers) and verifying it
/// offline with <see cref="AuditMerkleTree.VerifyInclusion"/>. The baseline is <see cref="SHA256.HashData(ReadOnlySpan{byte})"/>
/// over the 20 interior-node inputs a verification hashes. The requirement: a proof in under 1 ms, of logarithmic size.
/// </summary>
[MemoryDiagnoser]
public class AuditProofBenchmarks
{
    private const long Size = 1_000_000;
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private readonly Random _random = new(42);
    private MemoryTree _tree = null!;
    private byte[] _root = null!;
    private byte[][] _leaves = null!;
    private byte[][] _nodeInputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Every complete aligned subtree of 1,000,000 leaves, as the integrator stores them.
        var nodes = new Dictionary<AuditTreeNode, byte[]>();
        _leaves = new byte[Size][];
        var level = new List<byte[]>((int)Size);
        for (var i = 0; i < Size; i++)
        {
            _leaves[i] = System.Text.Encoding.UTF8.GetBytes($"{{\"v\":1,\"seq\":{i + 1},\"tenant\":\"bench\",\"actor\":\"dr-{i % 97}\"}}");
            var hash = AuditMerkleTree.HashLeaf(_leaves[i]);
            nodes[new AuditTreeNode(0, i)] = hash;
            level.Add(hash);
        }

        for (var height = 1; level.Count > 1; height++)
        {
            var next = new List<byte[]>(level.Count / 2);
            for (var i = 0; i + 1 < level.Count; i += 2)
            {
                var hash = AuditMerkleTree.HashChildren(level[i], level[i + 1]);
                nodes[new AuditTreeNode(height, i / 2)] = hash;
                next.Add(hash);
            }

            level = next;
        }

        _tree = new MemoryTree(nodes);
        _root = AuditProofs.ComputeRootAsync(_tree, Tenant, Size, default).GetAwaiter().GetResult();
        _nodeInputs = Enumerable.Range(0, 20).Select(_ => RandomNumberGenerator.GetBytes(65)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public byte Sha256TwentyNodes()
    {
        byte last = 0;
        foreach (var input in _nodeInputs)
        {
            last ^= SHA256.HashData(input)[0];
        }

        return last;
    }

    [Benchmark]
    public async Task<int> BuildInclusionProof()
    {
        var sequence = _random.NextInt64(1, Size + 1);
        var path = await AuditProofs.InclusionPathAsync(_tree, Tenant, sequence, Size, default);
        return path.Count;
    }

    [Benchmark]
    public async Task<bool> BuildAndVerifyInclusionProof()
    {
        var sequence = _random.NextInt64(1, Size + 1);
        var path = await AuditProofs.InclusionPathAsync(_tree, Tenant, sequence, Size, default);
        return AuditMerkleTree.VerifyInclusion(sequence - 1, Size, AuditMerkleTree.HashLeaf(_leaves[sequence - 1]), path, _root)
            ? true
            : throw new InvalidOperationException("The benchmark proof does not verify.");
    }

    /// <summary>The stored nodes of one tenant's tree, in memory; only reading nodes is used.</summary>
    private sealed class MemoryTree(Dictionary<AuditTreeNode, byte[]> nodes) : IAuditLogIntegrator
    {
        public Task<IReadOnlyList<ReadOnlyMemory<byte>?>> ReadTreeNodesAsync(TenantId tenantId, IReadOnlyList<AuditTreeNode> requested, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<ReadOnlyMemory<byte>?>>([.. requested.Select(n => nodes.TryGetValue(n, out var hash) ? (ReadOnlyMemory<byte>?)hash : null)]);

        public Task<AuditIntegrationResult> IntegrateAsync(TenantId tenantId, string holder, int maxRecords, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
            => Task.FromResult(new AuditIntegrationResult { LeaseAcquired = true, Integrated = 0, TreeSize = Size, HasMore = false });

        public Task<AuditBacklog> GetBacklogAsync(TenantId tenantId, CancellationToken cancellationToken = default) => Task.FromResult(AuditBacklog.Empty);

        public Task<IReadOnlyList<TenantId>> ListBacklogTenantsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TenantId>>([]);
    }
}
