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

/// <summary>What kind of definition a <see cref="FhirUnresolvedProfile"/> is.</summary>
public enum FhirProfileKind
{
    /// <summary>A profile the resource claims (<c>meta.profile</c>), for example an SDC profile.</summary>
    Profile = 0,

    /// <summary>The definition of an extension the resource uses, for example an SDC extension.</summary>
    Extension = 1,
}

/// <summary>One finding of the validator.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">The validator's issue number, for example <c>1100</c>; stable across runs.</param>
/// <param name="Location">The FHIRPath location of the element, for example <c>QuestionnaireResponse.item[0].answer[0]</c>.</param>
/// <param name="Message">The validator's message.</param>
public sealed record FhirValidationIssue(FhirIssueSeverity Severity, int Code, string Location, string Message);

/// <summary>
/// A profile or extension definition the resource refers to that the validator cannot resolve offline (it is not part of
/// the base R4 specification, for example an SDC profile). The resource was validated against base R4 instead.
/// </summary>
/// <param name="Canonical">The canonical URL, possibly with <c>|version</c>.</param>
/// <param name="Location">Where the reference is.</param>
/// <param name="Kind">Whether a claimed profile or an extension definition.</param>
public sealed record FhirUnresolvedProfile(string Canonical, string Location, FhirProfileKind Kind);

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
