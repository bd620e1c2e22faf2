using Hl7.Fhir.Model;

namespace Remedora.Fhir.Population;

/// <summary>
/// The FHIR data port of <see cref="FormPopulator"/>: reads the launch context's resources and runs the
/// <c>application/x-fhir-query</c> searches of a Questionnaire (after the embedded <c>{{...}}</c> expressions are
/// substituted). <see cref="InMemoryFhirDataSource"/> holds resources for tests; an application implements it over its
/// FHIR server or its own store.
/// </summary>
public interface IFhirDataSource
{
    /// <summary>Reads a resource.</summary>
    /// <param name="resourceType">The resource type, for example <c>Patient</c>.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource; <see langword="null"/> when there is none (or it is out of the caller's scope).</returns>
    Task<Resource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default);

    /// <summary>Runs a FHIR search relative to the server's base, for example <c>Observation?code=8302-2&amp;_count=1&amp;_sort=-date&amp;patient=123</c>.</summary>
    /// <param name="query">The search: a resource type, <c>?</c> and URL-encoded parameters.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>A searchset Bundle of the matches (empty when none).</returns>
    Task<Bundle> SearchAsync(string query, CancellationToken cancellationToken = default);
}
