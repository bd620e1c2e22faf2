using Remedora.Clinical;

namespace Remedora.Intake.Submissions;

/// <summary>
/// A submitted set of answers to one exact form version: immutable once stored. A correction is a new submission with
/// the next <see cref="Revision"/> that names the one it corrects (<see cref="Supersedes"/>); the old one stays as it was.
/// </summary>
public sealed record IntakeSubmission
{
    /// <summary>The resource type recorded in audit events.</summary>
    public const string ResourceType = "QuestionnaireResponse";

    /// <summary>Gets the submission's id.</summary>
    public required Id<IntakeSubmission> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient the answers are about.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the care case the intake was submitted for, if any.</summary>
    public Id<CareCase>? CaseId { get; init; }

    /// <summary>Gets the exact form version answered.</summary>
    public required FormVersionReference Form { get; init; }

    /// <summary>Gets the answers as evaluated: enabled items only, calculated values applied.</summary>
    [Phi]
    public required FormResponse Response { get; init; }

    /// <summary>Gets the scores computed, by name.</summary>
    [Phi]
    public IReadOnlyDictionary<string, decimal> Scores { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Gets the red flags raised.</summary>
    public IReadOnlyList<RedFlag> RedFlags { get; init; } = [];

    /// <summary>Gets the id of the first submission of this chain of corrections (this one's id for an original).</summary>
    public required Id<IntakeSubmission> OriginalId { get; init; }

    /// <summary>Gets the revision: 1 for an original, 2 for its first correction, and so on.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>Gets the submission this one corrects, if it is a correction.</summary>
    public Id<IntakeSubmission>? Supersedes { get; init; }

    /// <summary>Gets why the answers were corrected (no patient data), for a correction.</summary>
    [Phi]
    public string? CorrectionReason { get; init; }

    /// <summary>Gets when it was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Gets the user id of whoever submitted it.</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>Gets the role they acted in.</summary>
    public required ActorRole SubmittedByRole { get; init; }

    /// <summary>Gets the stored version (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>Returns the id and form only; answers never appear in text the SDK produces.</summary>
    /// <returns>For example <c>IntakeSubmission 0193… (https://forms.example.org/phq-9|1.0.0, revision 1)</c>.</returns>
    public override string ToString() => $"IntakeSubmission {Id} ({Form}, revision {Revision})";
}
