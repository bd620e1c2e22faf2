namespace Remedora.CarePaths;

/// <summary>What recording an intake submission on a case did.</summary>
/// <param name="Recorded">Whether the submission was new for the case (a repeated delivery records nothing).</param>
/// <param name="Outcome">The outcome of the trigger the escalation policy chose (escalate, or triage), when one was fired.</param>
public sealed record IntakeRecorded(bool Recorded, FireOutcome? Outcome);
