using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>
/// A unit of clinician work in the review queue: review an intake, answer a message, handle an alert, sign a note,
/// fix a failed fulfillment.
/// </summary>
public sealed record WorkItem
{
    /// <summary>Gets the work item id.</summary>
    public required Id<WorkItem> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets what kind of work it is.</summary>
    public required WorkItemKind Kind { get; init; }

    /// <summary>Gets the patient the work is about.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case the work belongs to.</summary>
    public Id<CareCase>? CaseId { get; init; }

    /// <summary>Gets the priority; higher priorities are claimed first.</summary>
    /// <value>The default is <see cref="WorkItemPriority.Routine"/>.</value>
    public WorkItemPriority Priority { get; init; } = WorkItemPriority.Routine;

    /// <summary>Gets the status.</summary>
    /// <value>The default is <see cref="WorkItemStatus.Ready"/>.</value>
    public WorkItemStatus Status { get; init; } = WorkItemStatus.Ready;

    /// <summary>Gets when the item was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the work is due; among equal priorities the oldest due is claimed first.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets the jurisdiction the claiming clinician must be licensed in (the patient's).</summary>
    /// <value>The jurisdiction; <see langword="null"/> when no licence is required.</value>
    public Jurisdiction? RequiredJurisdiction { get; init; }

    /// <summary>Gets the specialty the claiming clinician must have.</summary>
    /// <value>The specialty code; <see langword="null"/> when any clinician may take it.</value>
    public string? RequiredSpecialty { get; init; }

    /// <summary>Gets the pool (for example a care team) the item is routed to.</summary>
    /// <value>The pool; <see langword="null"/> for the tenant's general queue.</value>
    public string? Pool { get; init; }

    /// <summary>Gets the practitioner the item is assigned to, if it was assigned rather than left to the queue.</summary>
    public Id<Practitioner>? AssignedTo { get; init; }

    /// <summary>Gets the practitioner who holds the item.</summary>
    public Id<Practitioner>? ClaimedBy { get; init; }

    /// <summary>Gets when the holder's lease expires; after it the item returns to the queue.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Gets when the item was completed.</summary>
    /// <value>The instant it reached <see cref="WorkItemStatus.Completed"/>; <see langword="null"/> while unfinished, when cancelled, and for items stored before this was recorded.</value>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the practitioner who completed the item.</summary>
    /// <value>The practitioner whose action completed it; <see langword="null"/> when it is not completed or the application completed it.</value>
    public Id<Practitioner>? CompletedBy { get; init; }

    /// <summary>Gets a short description for the queue, without patient details, for example <c>Review acne intake</c>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }
}

/// <summary>The kind of a work item. Packages define their own kinds; the common ones are listed here.</summary>
[JsonConverter(typeof(WorkItemKindJsonConverter))]
public readonly record struct WorkItemKind
{
    /// <summary>Initializes a new instance of the <see cref="WorkItemKind"/> struct.</summary>
    /// <param name="value">The kind, for example <c>review-intake</c>: 1 to 64 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or too long.</exception>
    public WorkItemKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > 64)
        {
            throw new ArgumentException("A work item kind has at most 64 characters.", nameof(value));
        }

        Value = value;
    }

    /// <summary>Gets the kind's text.</summary>
    public string Value { get; }

    /// <summary>Gets the kind "review an intake submission".</summary>
    public static WorkItemKind ReviewIntake { get; } = new("review-intake");

    /// <summary>Gets the kind "answer a patient's message".</summary>
    public static WorkItemKind AnswerMessage { get; } = new("answer-message");

    /// <summary>Gets the kind "handle a monitoring alert".</summary>
    public static WorkItemKind HandleAlert { get; } = new("handle-alert");

    /// <summary>Gets the kind "sign a visit note".</summary>
    public static WorkItemKind SignNote { get; } = new("sign-note");

    /// <summary>Gets the kind "fix a failed fulfillment".</summary>
    public static WorkItemKind FixFulfillment { get; } = new("fix-fulfillment");

    /// <summary>Returns the kind's text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Writes a <see cref="WorkItemKind"/> as its JSON string and reads it back.</summary>
public sealed class WorkItemKindJsonConverter : JsonConverter<WorkItemKind>
{
    /// <inheritdoc/>
    public override WorkItemKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= 64 } s
            ? new WorkItemKind(s)
            : throw new JsonException("Expected a work item kind: a string of 1 to 64 characters.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, WorkItemKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary>The priority of a work item, as FHIR <c>Task.priority</c>.</summary>
public enum WorkItemPriority
{
    /// <summary>Routine.</summary>
    Routine = 0,

    /// <summary>Urgent.</summary>
    Urgent = 1,

    /// <summary>As soon as possible.</summary>
    Asap = 2,

    /// <summary>Immediately.</summary>
    Stat = 3,
}

/// <summary>Where a work item is in its life.</summary>
public enum WorkItemStatus
{
    /// <summary>Waiting in the queue.</summary>
    Ready = 0,

    /// <summary>Held by a practitioner under a lease.</summary>
    Claimed = 1,

    /// <summary>Done.</summary>
    Completed = 2,

    /// <summary>No longer needed.</summary>
    Cancelled = 3,
}
