namespace Remedora.Fhir;

/// <summary>
/// One problem of FHIR text, as <see cref="FhirFormatException.Errors"/> lists it: where it is and a stable code of the
/// rule it breaks, never a value of the resource (the text can hold patient data).
/// </summary>
/// <param name="Path">Where the problem is: a FHIR element path such as <c>Questionnaire.item[0].type</c>, a JSON path, or <c>line 3</c> for XML.</param>
/// <param name="Code">A stable code: the parser's error code (for example <c>JSON110</c>), or one of <see cref="FhirFormatException"/>'s codes.</param>
public sealed record FhirFormatError(string Path, string Code);
