namespace Remedora.CarePaths;

/// <summary>What an intake submission does to a case.</summary>
/// <param name="Priority">The case's priority from now on.</param>
/// <param name="Escalation">The escalation to fire, or <see langword="null"/> to carry on asynchronously.</param>
public sealed record IntakeAssessment(WorkItemPriority Priority, EscalationRequest? Escalation);
