using Remedora.Events;

namespace Remedora.Clinical;

/// <summary>
/// Raised (through the outbox) when a patient submits an intake form: which submission, for which case, with the
/// red flags and scores the form engine computed. Care paths react to it without referencing the intake package.
/// </summary>
public sealed record IntakeSubmitted : DomainEvent
{
    /// <summary>The outbox message type of this event.</summary>
    public const string MessageType = "intake.submitted";

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the case the intake belongs to, when it was submitted for one.</summary>
    public Id<CareCase>? CaseId { get; init; }

    /// <summary>Gets the submission's id.</summary>
    public required string SubmissionId { get; init; }

    /// <summary>Gets the canonical url of the form definition answered.</summary>
    public required string FormUrl { get; init; }

    /// <summary>Gets the version of the form definition answered.</summary>
    public required string FormVersion { get; init; }

    /// <summary>Gets the red flags raised.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<RedFlag> RedFlags { get; init; } = [];

    /// <summary>Gets the scores computed, by name (for example <c>phq9-total</c>).</summary>
    /// <value>The default is empty.</value>
    [Phi]
    public IReadOnlyDictionary<string, decimal> Scores { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Gets the highest severity among <see cref="RedFlags"/>, or <see langword="null"/> when there are none.</summary>
    public RedFlagSeverity? HighestSeverity => RedFlags.Count == 0 ? null : RedFlags.Max(f => f.Severity);
}
