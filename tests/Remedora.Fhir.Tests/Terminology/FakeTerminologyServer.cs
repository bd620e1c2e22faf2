using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Remedora.Fhir.Tests.Terminology;

/// <summary>
/// An in-process FHIR terminology server for <c>GET [base]/ValueSet/$expand?url=...&amp;offset=...&amp;count=...</c>:
/// serves registered ValueSet payloads as written, or pages a flat expansion by offset and count, and answers an
/// unknown value set with HTTP 404 and an OperationOutcome (<c>not-found</c>), as tx.fhir.org does.
/// </summary>
internal sealed class FakeTerminologyServer : HttpMessageHandler
{
    public const string Base = "https://tx.example.org/r4/";

    private readonly Dictionary<string, string> _asWritten = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _paged = new(StringComparer.Ordinal);

    public List<Uri> Requests { get; } = [];

    /// <summary>Gets or sets an answer that replaces every other one (status and body).</summary>
    public (HttpStatusCode Status, string Body)? Fixed { get; set; }

    /// <summary>Gets or sets a value indicating whether requests never get an answer (until cancelled).</summary>
    public bool Hangs { get; set; }

    public static string DataFile(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "terminology", name));

    public FakeTerminologyServer Serve(string valueSetJson)
    {
        var url = JsonNode.Parse(valueSetJson)!["url"]!.GetValue<string>();
        _asWritten[url] = valueSetJson;
        return this;
    }

    /// <summary>Serves a flat expansion of <paramref name="count"/> codes, paged by the request's offset and count.</summary>
    public FakeTerminologyServer ServePaged(string url, int count)
    {
        var contains = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            contains.Add(new JsonObject { ["system"] = "http://example.org/codes", ["code"] = $"c{i}", ["display"] = $"Code {i}" });
        }

        _paged[url] = contains;
        return this;
    }

    public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri(Base) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (Fixed is { } fixedAnswer)
        {
            return Answer(fixedAnswer.Status, fixedAnswer.Body);
        }

        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || uri.AbsolutePath != "/r4/ValueSet/$expand")
        {
            return Answer(HttpStatusCode.NotFound, Outcome("not-supported", "Unknown operation"));
        }

        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        var url = query["url"];
        if (_asWritten.TryGetValue(url, out var body))
        {
            return Answer(HttpStatusCode.OK, body);
        }

        if (_paged.TryGetValue(url, out var all))
        {
            var offset = int.Parse(query["offset"], System.Globalization.CultureInfo.InvariantCulture);
            var count = int.Parse(query["count"], System.Globalization.CultureInfo.InvariantCulture);
            var page = new JsonArray(all.Skip(offset).Take(count).Select(n => n!.DeepClone()).ToArray());
            var valueSet = new JsonObject
            {
                ["resourceType"] = "ValueSet",
                ["url"] = url,
                ["status"] = "active",
                ["expansion"] = new JsonObject { ["timestamp"] = "2026-01-01T00:00:00Z", ["total"] = all.Count, ["offset"] = offset, ["contains"] = page },
            };
            return Answer(HttpStatusCode.OK, valueSet.ToJsonString());
        }

        return Answer(HttpStatusCode.NotFound, Outcome("not-found", $"Unable to find value set {url}"));
    }

    public static string Outcome(string code, string diagnostics) => new JsonObject
    {
        ["resourceType"] = "OperationOutcome",
        ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = code, ["diagnostics"] = diagnostics }),
    }.ToJsonString();

    private static HttpResponseMessage Answer(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
}
