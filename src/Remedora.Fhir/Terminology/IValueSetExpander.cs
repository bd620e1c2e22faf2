namespace Remedora.Fhir.Terminology;

/// <summary>
/// The terminology port: expands a value set named by its canonical URL into the concepts it contains, as FHIR's
/// <c>ValueSet/$expand</c> does. <see cref="InMemoryValueSetExpander"/> expands value sets registered with it;
/// <see cref="HttpValueSetExpander"/> asks a FHIR terminology server.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IValueSetExpander
{
    /// <summary>Expands a value set.</summary>
    /// <param name="canonical">The value set's canonical URL, optionally with <c>|version</c>.</param>
    /// <param name="cancellationToken">Cancels the expansion.</param>
    /// <returns>The expansion; <see langword="null"/> when the value set is not known.</returns>
    /// <exception cref="TerminologyException">The value set is known but cannot be expanded (a construct the expander does not support, a server error, a timeout, too many concepts).</exception>
    Task<ValueSetExpansion?> ExpandAsync(string canonical, CancellationToken cancellationToken = default);
}
