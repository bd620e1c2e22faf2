namespace Remedora;

/// <summary>Administrative gender, as FHIR <c>AdministrativeGender</c>.</summary>
public enum AdministrativeGender
{
    /// <summary>Unknown.</summary>
    Unknown = 0,

    /// <summary>Male.</summary>
    Male = 1,

    /// <summary>Female.</summary>
    Female = 2,

    /// <summary>Other.</summary>
    Other = 3,
}
