using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.CarePaths;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>SLA timers on real storage. Each provider runs these through a subclass.</summary>
public abstract class SlaTests
{
    private protected abstract Task<CarePathsHarness> StartAsync();

    [SkippableFact]
    public async Task Sweep_DeadlinePassedWithTwoSweepsRunning_FiresTheTimeoutExactlyOnce()
    {
        await using var h = await StartAsync();
        var caseId = await AwaitingReviewAsync(h);
        var sweepers = new[] { NewSweeper(h), NewSweeper(h) };

        Assert.Equal(0, (await sweepers[0].SweepAsync()).Claimed);
        h.Clock.Advance(TimeSpan.FromHours(24));
        using var start = new Barrier(2);
        var results = await Task.WhenAll(sweepers.Select(s => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return s.SweepAsync().GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
        var more = await Task.WhenAll(sweepers.Select(s => s.SweepAsync()));

        Assert.Equal(1, results.Sum(r => r.Fired) + more.Sum(r => r.Fired));
        var history = await h.Engine.GetHistoryAsync(h.System, caseId);
        Assert.Single(history, e => e.Trigger == CareTriggers.ReviewOverdue.Name);
        var view = await h.Engine.GetCaseAsync(h.System, caseId);
        Assert.Equal(WorkItemPriority.Urgent, view.Facts.Priority);
        var items = await h.WorkItemsAsync(caseId);
        Assert.Single(items, w => w.Status == WorkItemStatus.Cancelled);
        Assert.Single(items, w => w.Status == WorkItemStatus.Ready && w.Priority == WorkItemPriority.Urgent);
        var outbox = await h.QueueItemsAsync(OutboxMessage.QueueName);
        Assert.Single(outbox, m => m.MessageType == CarePathMessageTypes.SlaBreached);

        // The re-entry set the next, tighter deadline (urgent: 4 hours), which fires once too.
        h.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1, (await Task.WhenAll(sweepers.Select(s => s.SweepAsync()))).Sum(r => r.Fired));
        Assert.Equal(WorkItemPriority.Asap, (await h.Engine.GetCaseAsync(h.System, caseId)).Facts.Priority);
    }

    [SkippableFact]
    public async Task Sweep_CaseLeftTheState_TimerIsSpentWithoutMoving()
    {
        await using var h = await StartAsync();
        var caseId = await AwaitingReviewAsync(h);
        await h.Engine.FireAsync(h.System, caseId, CareTriggers.Escalate, new EscalationRequest(EscalationReason.ClinicianDecision));
        h.Clock.Advance(TimeSpan.FromHours(25));

        var result = await NewSweeper(h).SweepAsync();

        Assert.Equal(0, result.Fired);
        Assert.True(result.Stale >= 1);
        Assert.DoesNotContain(await h.Engine.GetHistoryAsync(h.System, caseId), e => e.Trigger == CareTriggers.ReviewOverdue.Name);
        Assert.All(await h.QueueItemsAsync(CarePathEngine.TimerQueueName), t => Assert.Equal(QueueItemStatus.Completed, t.Status));
    }

    [SkippableFact]
    public async Task Sweep_SweepDiedHoldingTheTimer_AnotherFiresItOnceAndTheStaleHolderWritesNothing()
    {
        await using var h = await StartAsync();
        var caseId = await AwaitingReviewAsync(h);
        h.Clock.Advance(TimeSpan.FromHours(24));
        var options = h.Services.GetRequiredService<IOptions<CarePathsOptions>>().Value;
        var claimedByDeadSweep = await h.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = CarePathEngine.TimerQueueName, Owner = "dead-sweep", LeaseDuration = options.SweepLeaseDuration, MaxItems = 10 });
        var dead = Assert.Single(claimedByDeadSweep, t => t.Item.MessageType == CareTriggers.ReviewOverdue.Name);

        h.Clock.Advance(options.SweepLeaseDuration + TimeSpan.FromSeconds(1));
        var alive = await NewSweeper(h).SweepAsync();
        await Assert.ThrowsAsync<LeaseLostException>(() => h.Engine.FireTimerAsync(dead, CancellationToken.None));

        Assert.Equal(1, alive.Fired);
        Assert.Single(await h.Engine.GetHistoryAsync(h.System, caseId), e => e.Trigger == CareTriggers.ReviewOverdue.Name);
    }

    private static SlaSweeper NewSweeper(CarePathsHarness h)
        => new(h.Engine, h.Queue, h.WorkQueue, h.Services.GetRequiredService<IOptions<CarePathsOptions>>());

    private static async Task<Id<CareCase>> AwaitingReviewAsync(CarePathsHarness h)
    {
        var patient = await h.AddPatientAsync();
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.Triage);
        await h.Engine.FireAsync(h.System, opened.Id, CareTriggers.AcceptForReview);
        return opened.Id;
    }
}
