namespace Remedora.Fhir.Questionnaires;

/// <summary>The status of an exported QuestionnaireResponse, as FHIR <c>QuestionnaireResponseStatus</c>.</summary>
public enum ResponseStatus
{
    /// <summary>Being filled in.</summary>
    InProgress = 0,

    /// <summary>Submitted.</summary>
    Completed = 1,

    /// <summary>Changed after it was completed (a correction).</summary>
    Amended = 2,

    /// <summary>Withdrawn: it should not have been submitted.</summary>
    EnteredInError = 3,

    /// <summary>Stopped before completion.</summary>
    Stopped = 4,
}
