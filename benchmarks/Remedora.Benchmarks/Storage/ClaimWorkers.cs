using Remedora.Storage;

namespace Remedora.Benchmarks.Storage;

/// <summary>The claim benchmarks' workload: workers that each claim the head of a queue and complete it, one item at a time.</summary>
internal static class ClaimWorkers
{
    /// <summary>Runs <paramref name="workers"/> workers (owners <c>w0</c>, <c>w1</c>, …) of <paramref name="claimsPerWorker"/> claims each, at once.</summary>
    public static Task RunAsync(IWorkQueue queue, TenantId tenant, string queueName, int workers, int claimsPerWorker)
        => Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => ClaimAsync(queue, tenant, queueName, "w" + w, claimsPerWorker))));

    /// <summary>Claims and completes <paramref name="claims"/> items as one owner.</summary>
    public static async Task ClaimAsync(IWorkQueue queue, TenantId tenant, string queueName, string owner, int claims)
    {
        var request = new ClaimRequest { Queue = queueName, TenantId = tenant, Owner = owner, LeaseDuration = TimeSpan.FromMinutes(5) };
        for (var i = 0; i < claims; i++)
        {
            var claimed = await queue.ClaimNextAsync(request);
            await queue.CompleteAsync(claimed[0].Lease);
        }
    }
}
