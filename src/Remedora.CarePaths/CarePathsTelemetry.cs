using System.Diagnostics;
using System.Diagnostics.Metrics;
using Remedora.Diagnostics;

namespace Remedora.CarePaths;

/// <summary>The instruments and activities of the care paths package, under the shared <see cref="RemedoraTelemetry"/> meter and source.</summary>
/// <remarks>
/// Metrics: <c>remedora.carepaths.transitions</c> (counter; tags <c>remedora.care_path</c>, <c>remedora.trigger</c>,
/// <c>remedora.outcome</c>), <c>remedora.carepaths.queue.depth</c> (observable gauge of the review queue; tag
/// <c>remedora.queue_status</c>: ready, leased, expired, overdue), <c>remedora.carepaths.claim.wait</c> (histogram,
/// seconds from an item becoming available to its claim), <c>remedora.carepaths.sla.breaches</c> (counter; tags
/// <c>remedora.care_path</c>, <c>remedora.state</c>), <c>remedora.carepaths.intake.rejected</c> (counter of intake
/// events naming a case of another patient or tenant, which are ignored). Activities: <c>carepaths.open</c>, <c>carepaths.fire</c>,
/// <c>carepaths.claim_next</c>, <c>carepaths.sla_sweep</c>.
/// </remarks>
public static class CarePathsTelemetry
{
    /// <summary>The name of the transitions counter.</summary>
    public const string TransitionsName = "remedora.carepaths.transitions";

    /// <summary>The name of the queue depth gauge.</summary>
    public const string QueueDepthName = "remedora.carepaths.queue.depth";

    /// <summary>The name of the claim wait histogram.</summary>
    public const string ClaimWaitName = "remedora.carepaths.claim.wait";

    /// <summary>The name of the SLA breaches counter.</summary>
    public const string SlaBreachesName = "remedora.carepaths.sla.breaches";

    /// <summary>The name of the counter of intake events refused because they name a case that is not the event's patient's case in the event's tenant.</summary>
    public const string IntakeRejectedName = "remedora.carepaths.intake.rejected";

    private static readonly Counter<long> Transitions = RemedoraTelemetry.Meter.CreateCounter<long>(TransitionsName, "{transition}", "Triggers fired on care cases, by path, trigger and outcome.");
    private static readonly Histogram<double> ClaimWait = RemedoraTelemetry.Meter.CreateHistogram<double>(ClaimWaitName, "s", "Time from a work item becoming available to a clinician claiming it.");
    private static readonly Counter<long> SlaBreaches = RemedoraTelemetry.Meter.CreateCounter<long>(SlaBreachesName, "{breach}", "State deadlines that passed and fired their timeout trigger.");
    private static readonly Counter<long> IntakeRejected = RemedoraTelemetry.Meter.CreateCounter<long>(IntakeRejectedName, "{event}", "Intake events refused because the case they name is not the event's patient's case in the event's tenant.");
    private static QueueDepthSnapshot s_depth = new(0, 0, 0, 0);

    static CarePathsTelemetry()
    {
        RemedoraTelemetry.Meter.CreateObservableGauge<long>(
            QueueDepthName,
            () =>
            {
                var d = Volatile.Read(ref s_depth);
                return (IEnumerable<Measurement<long>>)
                [
                    new Measurement<long>(d.Ready, new KeyValuePair<string, object?>("remedora.queue_status", "ready")),
                    new Measurement<long>(d.Leased, new KeyValuePair<string, object?>("remedora.queue_status", "leased")),
                    new Measurement<long>(d.Expired, new KeyValuePair<string, object?>("remedora.queue_status", "expired")),
                    new Measurement<long>(d.Overdue, new KeyValuePair<string, object?>("remedora.queue_status", "overdue")),
                ];
            },
            "{item}",
            "Work items in the review queue, by status, as of the last sweep or queue overview.");
    }

    internal static void RecordTransition(string path, string trigger, FireStatus status)
        => Transitions.Add(1, new("remedora.care_path", path), new("remedora.trigger", trigger), new("remedora.outcome", OutcomeTag(status)));

    internal static void RecordClaimWait(TimeSpan wait) => ClaimWait.Record(Math.Max(0, wait.TotalSeconds));

    internal static void RecordSlaBreach(string path, string state) => SlaBreaches.Add(1, new("remedora.care_path", path), new("remedora.state", state));

    internal static void RecordIntakeRejected() => IntakeRejected.Add(1);

    internal static void RecordQueueDepth(long ready, long leased, long expired, long overdue) => Volatile.Write(ref s_depth, new QueueDepthSnapshot(ready, leased, expired, overdue));

    internal static Activity? Start(string name, TenantId tenant)
    {
        var activity = RemedoraTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("remedora.tenant", tenant.Value);
        return activity;
    }

    internal static string OutcomeTag(FireStatus status) => status switch
    {
        FireStatus.Moved => "moved",
        FireStatus.NotPermitted => "not_permitted",
        _ => "conflict",
    };

    private sealed record QueueDepthSnapshot(long Ready, long Leased, long Expired, long Overdue);
}
