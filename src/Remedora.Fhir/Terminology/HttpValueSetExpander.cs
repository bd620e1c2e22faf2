using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Remedora.Intake;

namespace Remedora.Fhir.Terminology;

/// <summary>
/// An <see cref="IValueSetExpander"/> that asks a FHIR R4 terminology server:
/// <c>GET [base]/ValueSet/$expand?url=...&amp;offset=...&amp;count=...</c>, reading a paged expansion page by page.
/// An unknown value set (HTTP 404, or an OperationOutcome with issue code <c>not-found</c>) is <see langword="null"/>;
/// any other error, an answer that is not a ValueSet, a timeout or an expansion larger than
/// <see cref="HttpValueSetExpanderOptions.MaxConcepts"/> is a <see cref="TerminologyException"/>.
/// </summary>
/// <remarks>
/// Give it an <see cref="HttpClient"/> from <c>IHttpClientFactory</c> (a typed client,
/// <c>services.AddHttpClient&lt;HttpValueSetExpander&gt;(c =&gt; c.BaseAddress = new Uri("https://tx.example.org/r4/"))</c>);
/// the expander does not dispose it. Thread-safe.
/// </remarks>
public sealed class HttpValueSetExpander : IValueSetExpander
{
    private readonly HttpClient _http;
    private readonly HttpValueSetExpanderOptions _options;

    /// <summary>Initializes a new instance of the <see cref="HttpValueSetExpander"/> class with the default options; the client's <see cref="HttpClient.BaseAddress"/> is the server's FHIR base.</summary>
    /// <param name="httpClient">The client.</param>
    public HttpValueSetExpander(HttpClient httpClient)
        : this(httpClient, new HttpValueSetExpanderOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HttpValueSetExpander"/> class.</summary>
    /// <param name="httpClient">The client.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">Neither the options nor the client name a base address, or a limit is not positive.</exception>
    public HttpValueSetExpander(HttpClient httpClient, HttpValueSetExpanderOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.BaseAddress ?? httpClient.BaseAddress) is null)
        {
            throw new ArgumentException("Name the terminology server's FHIR base in HttpValueSetExpanderOptions.BaseAddress or HttpClient.BaseAddress.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcepts, nameof(options));
        _http = httpClient;
        _options = options;
    }

    /// <inheritdoc/>
    public async Task<ValueSetExpansion?> ExpandAsync(string canonical, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonical);
        var (url, version) = ValueSetConcepts.Split(canonical);
        using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var concepts = new List<ValueSetConcept>();
        ValueSet? first = null;
        var offset = 0;
        try
        {
            while (true)
            {
                var page = await GetPageAsync(canonical, url, version, offset, linked.Token).ConfigureAwait(false);
                if (page is null)
                {
                    return null;
                }

                first ??= page;
                var expansion = page.Expansion;
                if (expansion is null)
                {
                    throw new TerminologyException(canonical, TerminologyFailureReasons.InvalidResponse, $"The terminology server answered $expand of '{canonical}' with a ValueSet without an expansion.");
                }

                if (expansion.Total is { } announced && announced > _options.MaxConcepts)
                {
                    throw TooLarge(canonical, announced);
                }

                ValueSetConcepts.AddContains(expansion.Contains, concepts);
                if (concepts.Count > _options.MaxConcepts)
                {
                    throw TooLarge(canonical, concepts.Count);
                }

                // total and offset count concepts, not the entries of a nested expansion's top level.
                var received = ValueSetConcepts.CountEntries(expansion.Contains);
                var pageOffset = expansion.Offset ?? offset;
                var more = received > 0 && (expansion.Total is { } total ? pageOffset + received < total : received >= _options.PageSize && expansion.Offset is not null);
                if (!more)
                {
                    break;
                }

                offset = pageOffset + received;
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TerminologyException(canonical, TerminologyFailureReasons.Unavailable, $"The terminology server did not expand '{canonical}' within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Try again later or raise HttpValueSetExpanderOptions.Timeout.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TerminologyException(canonical, TerminologyFailureReasons.Unavailable, $"The terminology server could not be reached to expand '{canonical}' ({ex.HttpRequestError}). Check HttpValueSetExpanderOptions.BaseAddress and the network.", ex);
        }

        return new ValueSetExpansion { Url = first.Url ?? url, Version = first.Version ?? version, Title = first.Title ?? first.Name, Concepts = concepts };
    }

    private async Task<ValueSet?> GetPageAsync(string canonical, string url, string? version, int offset, CancellationToken cancellationToken)
    {
        var baseAddress = (_options.BaseAddress ?? _http.BaseAddress)!.ToString().TrimEnd('/');
        var query = $"url={Uri.EscapeDataString(url)}{(version is null ? string.Empty : $"&valueSetVersion={Uri.EscapeDataString(version)}")}&offset={offset.ToString(CultureInfo.InvariantCulture)}&count={_options.PageSize.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{baseAddress}/ValueSet/$expand?{query}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var resource = TryParse(body);
        if (resource is OperationOutcome outcome && outcome.Issue.Any(i => i.Code == OperationOutcome.IssueType.NotFound))
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && resource is not OperationOutcome)
            {
                return null;
            }

            throw new TerminologyException(canonical, TerminologyFailureReasons.ServerError, $"The terminology server refused $expand of '{canonical}' with HTTP {(int)response.StatusCode}{Codes(resource)}.");
        }

        return resource switch
        {
            ValueSet valueSet => valueSet,
            OperationOutcome => throw new TerminologyException(canonical, TerminologyFailureReasons.ServerError, $"The terminology server answered $expand of '{canonical}' with an OperationOutcome{Codes(resource)}."),
            null => throw new TerminologyException(canonical, TerminologyFailureReasons.InvalidResponse, $"The terminology server answered $expand of '{canonical}' with something that is not FHIR R4 JSON."),
            _ => throw new TerminologyException(canonical, TerminologyFailureReasons.InvalidResponse, $"The terminology server answered $expand of '{canonical}' with a {resource.TypeName}, not a ValueSet."),
        };
    }

    private static Resource? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return FhirFormats.ParseJson<Resource>(body, acceptFormatErrors: true);
        }
        catch (FhirFormatException)
        {
            return null;
        }
    }

    // Issue codes (and coded details) only: a server's diagnostics text is not repeated.
    private static string Codes(Resource? resource)
    {
        if (resource is not OperationOutcome outcome || outcome.Issue.Count == 0)
        {
            return string.Empty;
        }

        var codes = outcome.Issue.Select(i => $"{i.Severity?.GetLiteral() ?? "?"} {i.Code?.GetLiteral() ?? "?"}{(i.Details?.Coding.FirstOrDefault()?.Code is { } detail ? $" ({detail})" : string.Empty)}");
        return $" (OperationOutcome: {string.Join(", ", codes)})";
    }

    private TerminologyException TooLarge(string canonical, int count)
        => new(canonical, TerminologyFailureReasons.TooLarge, $"The value set '{canonical}' expands to {count.ToString(CultureInfo.InvariantCulture)} concepts, more than the {_options.MaxConcepts.ToString(CultureInfo.InvariantCulture)} allowed (HttpValueSetExpanderOptions.MaxConcepts). An answer list that long needs a search, not an expansion.");
}
