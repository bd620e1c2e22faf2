namespace Remedora.Fhir.Validation;

/// <summary>How serious a <see cref="FhirValidationIssue"/> is.</summary>
public enum FhirIssueSeverity
{
    /// <summary>The resource is not valid FHIR R4.</summary>
    Error = 0,

    /// <summary>The resource is valid, but something deserves attention (for example an extension the validator cannot check).</summary>
    Warning = 1,

    /// <summary>For information only.</summary>
    Information = 2,
}
