namespace Remedora.Fhir.Validation;

/// <summary>One finding of the validator.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">The validator's issue number, for example <c>1100</c>; stable across runs.</param>
/// <param name="Location">The FHIRPath location of the element, for example <c>QuestionnaireResponse.item[0].answer[0]</c>.</param>
/// <param name="Message">The validator's message.</param>
public sealed record FhirValidationIssue(FhirIssueSeverity Severity, int Code, string Location, string Message);
