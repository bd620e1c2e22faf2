namespace Remedora.Fhir.Validation;

/// <summary>
/// The result of validating a resource against the base FHIR R4 specification: real errors and warnings apart from the
/// profile and extension definitions that could not be resolved offline.
/// </summary>
public sealed class FhirValidationReport
{
    internal FhirValidationReport(string resourceType, IReadOnlyList<FhirValidationIssue> errors, IReadOnlyList<FhirValidationIssue> warnings, IReadOnlyList<FhirUnresolvedProfile> unresolved)
    {
        ResourceType = resourceType;
        Errors = errors;
        Warnings = warnings;
        UnresolvedProfiles = unresolved;
    }

    /// <summary>Gets the type of the resource validated, for example <c>QuestionnaireResponse</c>.</summary>
    public string ResourceType { get; }

    /// <summary>Gets a value indicating whether the resource is valid against base R4 (it has no <see cref="Errors"/>).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Gets the errors: what makes the resource invalid FHIR R4.</summary>
    public IReadOnlyList<FhirValidationIssue> Errors { get; }

    /// <summary>Gets the warnings and information messages, apart from unresolved definitions.</summary>
    public IReadOnlyList<FhirValidationIssue> Warnings { get; }

    /// <summary>
    /// Gets the profiles and extension definitions that could not be resolved offline (the resource was checked against
    /// base R4 only for them). These are reported apart, never as errors.
    /// </summary>
    public IReadOnlyList<FhirUnresolvedProfile> UnresolvedProfiles { get; }

    /// <summary>Describes the counts only (messages can quote values of the resource).</summary>
    /// <returns>For example <c>QuestionnaireResponse: 0 errors, 1 warning, 2 unresolved profiles</c>.</returns>
    public override string ToString()
        => $"{ResourceType}: {Errors.Count} error{Plural(Errors.Count)}, {Warnings.Count} warning{Plural(Warnings.Count)}, {UnresolvedProfiles.Count} unresolved profile{Plural(UnresolvedProfiles.Count)}";

    private static string Plural(int count) => count == 1 ? string.Empty : "s";
}
