namespace Remedora.Intake.Submissions;

/// <summary>A form definition registered with <c>AddIntakeForm</c>; the catalog loads every registration.</summary>
/// <param name="Definition">The definition.</param>
public sealed record IntakeFormRegistration(FormDefinition Definition);
