using System.Diagnostics;
using System.Diagnostics.Metrics;
using Remedora.Diagnostics;

namespace Remedora.Storage;

/// <summary>
/// The names of the storage instruments on <see cref="RemedoraTelemetry.Meter"/>, and the hook through which storage
/// providers report how long queue claims take.
/// </summary>
/// <remarks>
/// The outbox instruments are recorded by the <see cref="OutboxDispatcher"/>. Claim latency is recorded by each
/// provider: a provider calls <see cref="RecordClaim(string, TimeSpan, int)"/> after every
/// <see cref="IWorkQueue.ClaimNextAsync"/> and <see cref="RecordClaim(string, TimeSpan, ClaimStatus)"/> after every
/// <see cref="IWorkQueue.ClaimAsync"/>. Tags are queue names, message types and outcomes, never tenant or patient data.
/// </remarks>
public static class StorageTelemetry
{
    /// <summary>The histogram of how long a claim took, in seconds; tags <see cref="QueueTag"/>, <see cref="OperationTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string ClaimDurationInstrument = "remedora.storage.claim.duration";

    /// <summary>The histogram of outbox lag, in seconds: how long a message waited between becoming deliverable and being claimed; tag <see cref="MessageTypeTag"/>.</summary>
    public const string OutboxLagInstrument = "remedora.outbox.lag";

    /// <summary>The counter of successful outbox deliveries (one per message and handler); tag <see cref="MessageTypeTag"/>.</summary>
    public const string OutboxDeliveriesInstrument = "remedora.outbox.deliveries";

    /// <summary>The counter of failed outbox delivery attempts (per handler), including those that dead-lettered the delivery; tag <see cref="MessageTypeTag"/>.</summary>
    public const string OutboxFailuresInstrument = "remedora.outbox.failures";

    /// <summary>The counter of outbox deliveries (per handler) dead-lettered after their last attempt; tag <see cref="MessageTypeTag"/>.</summary>
    public const string OutboxDeadLettersInstrument = "remedora.outbox.dead_letters";

    /// <summary>The counter of outbox messages whose type no handler subscribes to, recorded as delivered to nobody; tag <see cref="MessageTypeTag"/>.</summary>
    public const string OutboxUnhandledInstrument = "remedora.outbox.unhandled";

    /// <summary>The tag that names the queue.</summary>
    public const string QueueTag = "remedora.queue";

    /// <summary>The tag that names the claim operation: <c>claim</c> (one item) or <c>claim_next</c>.</summary>
    public const string OperationTag = "remedora.claim.operation";

    /// <summary>The tag that names a claim's outcome: <c>claimed</c> or <c>empty</c> for <c>claim_next</c>; the <see cref="ClaimStatus"/> in snake case for <c>claim</c>.</summary>
    public const string OutcomeTag = "remedora.claim.outcome";

    /// <summary>The tag that names an outbox message type.</summary>
    public const string MessageTypeTag = "remedora.message_type";

    private static readonly Histogram<double> ClaimDuration = RemedoraTelemetry.Meter.CreateHistogram<double>(
        ClaimDurationInstrument, "s", "How long a work-queue claim took.");

    internal static readonly Histogram<double> OutboxLag = RemedoraTelemetry.Meter.CreateHistogram<double>(
        OutboxLagInstrument, "s", "How long an outbox message waited between becoming deliverable and being claimed by a dispatcher.");

    internal static readonly Counter<long> OutboxDeliveries = RemedoraTelemetry.Meter.CreateCounter<long>(
        OutboxDeliveriesInstrument, "{delivery}", "Outbox messages delivered to one of their handlers.");

    internal static readonly Counter<long> OutboxFailures = RemedoraTelemetry.Meter.CreateCounter<long>(
        OutboxFailuresInstrument, "{attempt}", "Outbox delivery attempts that failed.");

    internal static readonly Counter<long> OutboxDeadLetters = RemedoraTelemetry.Meter.CreateCounter<long>(
        OutboxDeadLettersInstrument, "{delivery}", "Outbox deliveries dead-lettered after their last attempt.");

    internal static readonly Counter<long> OutboxUnhandled = RemedoraTelemetry.Meter.CreateCounter<long>(
        OutboxUnhandledInstrument, "{message}", "Outbox messages no handler subscribes to, completed without delivery.");

    /// <summary>Records the duration of a <see cref="IWorkQueue.ClaimNextAsync"/> call.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="elapsed">How long the claim took.</param>
    /// <param name="claimed">How many items it claimed.</param>
    public static void RecordClaim(string queue, TimeSpan elapsed, int claimed)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!ClaimDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { QueueTag, queue },
            { OperationTag, "claim_next" },
            { OutcomeTag, claimed > 0 ? "claimed" : "empty" },
        };
        ClaimDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records the duration of a <see cref="IWorkQueue.ClaimAsync"/> call.</summary>
    /// <param name="queue">The queue of the item, or an empty string when the item was not found.</param>
    /// <param name="elapsed">How long the claim took.</param>
    /// <param name="status">The claim's outcome.</param>
    public static void RecordClaim(string queue, TimeSpan elapsed, ClaimStatus status)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!ClaimDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { QueueTag, queue },
            { OperationTag, "claim" },
            { OutcomeTag, StatusName(status) },
        };
        ClaimDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static string StatusName(ClaimStatus status) => status switch
    {
        ClaimStatus.Claimed => "claimed",
        ClaimStatus.AlreadyClaimed => "already_claimed",
        ClaimStatus.NotFound => "not_found",
        ClaimStatus.NotClaimable => "not_claimable",
        _ => "unknown",
    };
}
