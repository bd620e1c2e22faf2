using Microsoft.Extensions.DependencyInjection;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Storage;
using Remedora.Storage.InMemory;
using Remedora.Testing.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>A transition that finishes work withdraws the work's queue entry in its own unit of work: nothing is repaired after commit.</summary>
public sealed class CarePathEngineUnitOfWorkTests
{
    [Fact]
    public async Task FireAsync_CommitFailsAfterQueueStep_WorkItemAndQueueEntryAsBefore()
    {
        var failures = new CommitFailureInjector();
        await using var h = await CarePathsHarness.StartAsync(r => r.UseInMemoryStorage(), configure: r => r.Services.AddSingleton<ICommitInterceptor>(failures));
        var (doctor, caseId, work) = await ReviewingAsync(h);

        failures.FailAfter(CarePathsHarness.Tenant, CommitStep.Outbox);
        await Assert.ThrowsAsync<CommitFailureInjectedException>(() => h.Engine.FireAsync(doctor, caseId, CareTriggers.Approve, new ReviewDecision()));

        Assert.Equal(CareStates.InReview, (await h.Engine.GetCaseAsync(doctor, caseId)).Case.State);
        Assert.NotEqual(WorkItemStatus.Completed, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)).Status);
        Assert.NotEqual(QueueItemStatus.Cancelled, (await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, work.Id.Value))!.Status);

        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(doctor, caseId, CareTriggers.Approve, new ReviewDecision())).Status);
        Assert.Equal(WorkItemStatus.Completed, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)).Status);
        Assert.Equal(QueueItemStatus.Cancelled, (await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, work.Id.Value))!.Status);
    }

    [Fact]
    public async Task FireAsync_QueueCancellationUnavailable_QueueEntryWithdrawnWithTheTransition()
    {
        // A work queue whose direct cancellation fails: the engine does not use it, the session withdraws the entry.
        await using var h = await CarePathsHarness.StartAsync(
            r => r.UseInMemoryStorage(),
            configure: r => r.Services.AddSingleton<IWorkQueue>(sp => new CancelUnavailableQueue(sp.GetRequiredService<InMemoryStorage>())));
        var (doctor, caseId, work) = await ReviewingAsync(h);

        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(doctor, caseId, CareTriggers.Approve, new ReviewDecision())).Status);

        Assert.Equal(WorkItemStatus.Completed, Assert.Single(await h.WorkItemsAsync(caseId, WorkItemKind.ReviewIntake)).Status);
        var entry = await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, work.Id.Value);
        Assert.Equal(QueueItemStatus.Cancelled, entry!.Status);
        Assert.Equal(ClaimStatus.NotClaimable, (await h.WorkQueue.ClaimAsync(CarePathsHarness.Tenant, work.Id.Value, "someone", TimeSpan.FromMinutes(5))).Status);
    }

    private static async Task<(ActorContext Doctor, Id<CareCase> CaseId, WorkItem Work)> ReviewingAsync(CarePathsHarness h)
    {
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, clinician);
        h.Consent.Grant(patient.Id);
        var doctor = ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id);
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage)).Status);
        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview)).Status);
        var work = Assert.Single(await h.WorkItemsAsync(opened.Id, WorkItemKind.ReviewIntake));
        Assert.Equal(FireStatus.Moved, (await h.Engine.FireAsync(doctor, opened.Id, CareTriggers.StartReview)).Status);
        Assert.Equal(QueueItemStatus.Ready, (await h.WorkQueue.GetAsync(CarePathsHarness.Tenant, work.Id.Value))!.Status);
        return (doctor, opened.Id, work);
    }

    private sealed class CancelUnavailableQueue(InMemoryStorage inner) : IWorkQueue
    {
        public Task<bool> CancelAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => throw new TimeoutException("cancellation unavailable");

        public Task<ClaimOutcome> ClaimAsync(TenantId tenantId, Guid itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.ClaimAsync(tenantId, itemId, owner, leaseDuration, cancellationToken);

        public Task<IReadOnlyList<LeasedItem>> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken = default) => inner.ClaimNextAsync(request, cancellationToken);

        public Task<Lease> RenewAsync(Lease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.RenewAsync(lease, leaseDuration, cancellationToken);

        public Task ReleaseAsync(Lease lease, DateTimeOffset? availableAt = null, CancellationToken cancellationToken = default) => inner.ReleaseAsync(lease, availableAt, cancellationToken);

        public Task CompleteAsync(Lease lease, CancellationToken cancellationToken = default) => inner.CompleteAsync(lease, cancellationToken);

        public Task FailAsync(Lease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) => inner.FailAsync(lease, error, retryAt, cancellationToken);

        public Task<QueueItem?> GetAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId, itemId, cancellationToken);

        public Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

        public Task<QueueStatistics> GetStatisticsAsync(string queue, TenantId? tenantId, CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(queue, tenantId, cancellationToken);

        public Task<bool> RequeueAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default) => inner.RequeueAsync(tenantId, itemId, cancellationToken);

        public Task<bool> AssignAsync(TenantId tenantId, Guid itemId, string? assignee, CancellationToken cancellationToken = default) => inner.AssignAsync(tenantId, itemId, assignee, cancellationToken);
    }
}
