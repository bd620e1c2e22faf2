namespace Remedora.Intake;

/// <summary>The publication status of a form definition, as FHIR <c>PublicationStatus</c>.</summary>
public enum FormStatus
{
    /// <summary>Being written; not for use with patients.</summary>
    Draft = 0,

    /// <summary>Ready for use.</summary>
    Active = 1,

    /// <summary>No longer to be used for new answers.</summary>
    Retired = 2,

    /// <summary>The status is not known.</summary>
    Unknown = 3,
}
