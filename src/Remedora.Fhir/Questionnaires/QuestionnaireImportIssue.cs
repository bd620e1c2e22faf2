namespace Remedora.Fhir.Questionnaires;

/// <summary>Something of a Questionnaire that could not be imported as it is, with where it is and why.</summary>
/// <param name="Path">Where, for example <c>item[bmi].extension[calculatedExpression]</c>.</param>
/// <param name="Code">A stable code from <see cref="QuestionnaireImportIssueCodes"/>.</param>
/// <param name="Message">What is not supported and what to do.</param>
/// <param name="Severity">Whether the form behaves differently.</param>
public sealed record QuestionnaireImportIssue(string Path, string Code, string Message, ImportIssueSeverity Severity);
