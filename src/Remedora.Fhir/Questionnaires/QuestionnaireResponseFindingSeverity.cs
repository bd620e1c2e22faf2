namespace Remedora.Fhir.Questionnaires;

/// <summary>How serious a <see cref="QuestionnaireResponseFinding"/> is.</summary>
public enum QuestionnaireResponseFindingSeverity
{
    /// <summary>The response breaks a rule of its Questionnaire: it is not a valid response to it.</summary>
    Error = 0,

    /// <summary>Something the Questionnaire discourages (a changed read-only answer, a warning constraint); the response is still valid.</summary>
    Warning = 1,

    /// <summary>A problem of the form rather than of the response (a calculation that failed or breaks its own item's rule).</summary>
    Information = 2,
}
