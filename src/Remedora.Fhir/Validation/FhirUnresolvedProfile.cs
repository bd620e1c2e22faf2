namespace Remedora.Fhir.Validation;

/// <summary>
/// A profile or extension definition the resource refers to that the validator cannot resolve offline (it is not part of
/// the base R4 specification, for example an SDC profile). The resource was validated against base R4 instead.
/// </summary>
/// <param name="Canonical">The canonical URL, possibly with <c>|version</c>.</param>
/// <param name="Location">Where the reference is.</param>
/// <param name="Kind">Whether a claimed profile or an extension definition.</param>
public sealed record FhirUnresolvedProfile(string Canonical, string Location, FhirProfileKind Kind);
