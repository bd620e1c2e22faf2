namespace Remedora.Intake.Engine;

/// <summary>A problem of a form definition found when it is loaded.</summary>
/// <param name="Path">Where the problem is, for example <c>item[phq9-9].enableWhen[0]</c> or <c>scores[total]</c>.</param>
/// <param name="Code">A stable code from <see cref="FormDefinitionIssueCodes"/>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Severity">Whether it stops the definition from loading.</param>
public sealed record FormDefinitionIssue(string Path, string Code, string Message, FormIssueSeverity Severity);
