namespace Remedora.Fhir.Terminology;

/// <summary>Options of <see cref="HttpValueSetExpander"/>.</summary>
public sealed class HttpValueSetExpanderOptions
{
    /// <summary>Gets or sets the terminology server's FHIR base, for example <c>https://tx.fhir.org/r4/</c>.</summary>
    /// <value>The default is <see langword="null"/>: the <see cref="HttpClient.BaseAddress"/> of the client.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets how many concepts to ask for per request (<c>count</c>); larger expansions are read page by page with <c>offset</c>.</summary>
    /// <value>The default is 1,000.</value>
    public int PageSize { get; set; } = 1000;

    /// <summary>Gets or sets the largest expansion accepted; a larger one is refused with <see cref="TerminologyFailureReasons.TooLarge"/> (an answer list of thousands of codes is a search, not a list).</summary>
    /// <value>The default is 10,000.</value>
    public int MaxConcepts { get; set; } = 10_000;

    /// <summary>Gets or sets how long one expansion (all its pages) may take.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the clock of the timeout.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
