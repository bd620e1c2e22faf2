namespace Remedora.Fhir.Questionnaires;

/// <summary>Whether a <see cref="QuestionnaireImportIssue"/> means the form behaves differently from the Questionnaire.</summary>
public enum ImportIssueSeverity
{
    /// <summary>Something the Questionnaire asks for is not done by the imported form (for example an expression that needs a FHIR server); it is kept for export, but not evaluated.</summary>
    Error = 0,

    /// <summary>The form behaves as the Questionnaire says, with less checking or with a value assigned (for example answers not checked against an external value set).</summary>
    Warning = 1,
}
