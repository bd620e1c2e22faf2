using Hl7.Fhir.Model;
using Remedora.Intake;

namespace Remedora.Fhir.Population;

/// <summary>What <see cref="FormPopulator.PopulateAsync"/> populates a form from.</summary>
public sealed class PopulationRequest
{
    /// <summary>Gets the FHIR data port that runs the Questionnaire's queries (and reads <see cref="LaunchReferences"/>).</summary>
    public required IFhirDataSource DataSource { get; init; }

    /// <summary>Gets the launch context's resources by name (<c>patient</c>, <c>user</c>, <c>encounter</c>; FHIRPath <c>%patient</c>...).</summary>
    public IReadOnlyDictionary<string, Resource> LaunchContext { get; init; } = new Dictionary<string, Resource>(StringComparer.Ordinal);

    /// <summary>Gets launch-context references (<c>patient</c> = <c>Patient/123</c>) to read through <see cref="DataSource"/>; a resource in <see cref="LaunchContext"/> with the same name wins.</summary>
    public IReadOnlyDictionary<string, string> LaunchReferences { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the answers already given (by the patient, or stored): they are never replaced or removed.</summary>
    /// <value>The default is <see langword="null"/>: a new response.</value>
    public FormResponse? Existing { get; init; }
}
