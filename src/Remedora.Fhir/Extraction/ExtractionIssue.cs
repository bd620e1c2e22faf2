namespace Remedora.Fhir.Extraction;

/// <summary>Something of a Questionnaire's extraction metadata that could not be applied to a response; never holds an answer.</summary>
/// <param name="LinkId">The linkId of the Questionnaire item concerned; empty for the Questionnaire itself.</param>
/// <param name="Code">A stable code of <see cref="ExtractionIssueCodes"/>.</param>
/// <param name="Message">What was left out and why; names elements, types and rules, never values.</param>
public sealed record ExtractionIssue(string LinkId, string Code, string Message);
