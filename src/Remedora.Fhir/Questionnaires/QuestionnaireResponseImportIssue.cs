namespace Remedora.Fhir.Questionnaires;

/// <summary>Something of an imported QuestionnaireResponse that was moved, left out or kept only in part, with where it was; never a value.</summary>
/// <param name="Path">Where in the QuestionnaireResponse, for example <c>item[0].answer[1].valueAttachment.data</c>.</param>
/// <param name="Code">A stable code from <see cref="QuestionnaireResponseImportIssueCodes"/>.</param>
/// <param name="Message">What happened and why; never quotes an answer.</param>
public sealed record QuestionnaireResponseImportIssue(string Path, string Code, string Message);
