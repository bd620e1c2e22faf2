using System.Text.Json.Serialization;

namespace Remedora;

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
