using System.Net;
using Microsoft.Extensions.Time.Testing;
using Remedora.Fhir.Terminology;

namespace Remedora.Fhir.Tests.Terminology;

public sealed class HttpValueSetExpanderTests : IDisposable
{
    private const string Example = "http://hl7.org/fhir/ValueSet/example-expansion";
    private readonly FakeTerminologyServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ExpandAsync_SpecExampleExpansion_ReadsEveryConceptOfTheNestedExpansionInOneRequest()
    {
        _server.Serve(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));
        using var client = _server.Client();

        var expansion = await new HttpValueSetExpander(client).ExpandAsync(Example);

        Assert.NotNull(expansion);
        Assert.Equal(["14647-2", "2093-3", "48620-9", "9342-7", "2096-6", "35200-5", "48089-7", "55838-7"], expansion.Concepts.Select(c => c.Code));
        Assert.All(expansion.Concepts, c => Assert.Equal(("http://loinc.org", "2.50"), (c.System, c.Version)));
        Assert.Equal("20150622", expansion.Version);
        var request = Assert.Single(_server.Requests);
        Assert.Equal($"{FakeTerminologyServer.Base}ValueSet/$expand?url={Uri.EscapeDataString(Example)}&offset=0&count=1000", request.AbsoluteUri);
    }

    [Fact]
    public async Task ExpandAsync_VersionedCanonical_AsksForThatVersion()
    {
        _server.Serve(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));
        using var client = _server.Client();

        await new HttpValueSetExpander(client).ExpandAsync(Example + "|20150622");

        Assert.Contains("&valueSetVersion=20150622&", Assert.Single(_server.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpandAsync_PagingServer_ReadsEveryPageByOffsetAndCount()
    {
        _server.ServePaged("http://example.org/vs/large", 25);
        using var client = _server.Client();

        var expansion = await new HttpValueSetExpander(client, new HttpValueSetExpanderOptions { PageSize = 10 }).ExpandAsync("http://example.org/vs/large");

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"c{i}"), expansion!.Concepts.Select(c => c.Code));
        Assert.Equal(["offset=0&count=10", "offset=10&count=10", "offset=20&count=10"], _server.Requests.Select(r => r.Query[(r.Query.IndexOf("offset", StringComparison.Ordinal))..]));
    }

    [Fact]
    public async Task ExpandAsync_UnknownValueSet_ReturnsNull()
    {
        using var client = _server.Client();

        Assert.Null(await new HttpValueSetExpander(client).ExpandAsync("http://example.org/vs/unknown"));
    }

    [Fact]
    public async Task ExpandAsync_ServerError_ThrowsServerErrorWithTheIssueCodesButNotTheDiagnostics()
    {
        _server.Fixed = (HttpStatusCode.InternalServerError, FakeTerminologyServer.Outcome("exception", "secret stack trace"));
        using var client = _server.Client();

        var ex = await Assert.ThrowsAsync<TerminologyException>(() => new HttpValueSetExpander(client).ExpandAsync(Example));

        Assert.Equal((TerminologyFailureReasons.ServerError, Example), (ex.Reason, ex.Canonical));
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("error exception", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TerminologyException.ErrorCode, ex.Code);
    }

    [Fact]
    public async Task ExpandAsync_OperationOutcomeWithStatus200_ThrowsServerError()
    {
        _server.Fixed = (HttpStatusCode.OK, FakeTerminologyServer.Outcome("too-costly", "too many"));
        using var client = _server.Client();

        var ex = await Assert.ThrowsAsync<TerminologyException>(() => new HttpValueSetExpander(client).ExpandAsync(Example));

        Assert.Equal(TerminologyFailureReasons.ServerError, ex.Reason);
        Assert.Contains("too-costly", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpandAsync_AnswerIsNotAValueSet_ThrowsInvalidResponse()
    {
        _server.Fixed = (HttpStatusCode.OK, """{ "resourceType": "Patient", "id": "p1" }""");
        using var client = _server.Client();

        var ex = await Assert.ThrowsAsync<TerminologyException>(() => new HttpValueSetExpander(client).ExpandAsync(Example));

        Assert.Equal(TerminologyFailureReasons.InvalidResponse, ex.Reason);
    }

    [Fact]
    public async Task ExpandAsync_ServerDoesNotAnswer_ThrowsUnavailableWhenTheTimeoutPasses()
    {
        _server.Hangs = true;
        var time = new FakeTimeProvider();
        using var client = _server.Client();
        var expander = new HttpValueSetExpander(client, new HttpValueSetExpanderOptions { Timeout = TimeSpan.FromSeconds(5), TimeProvider = time });

        var expansion = expander.ExpandAsync(Example);
        Assert.False(expansion.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<TerminologyException>(() => expansion);

        Assert.Equal(TerminologyFailureReasons.Unavailable, ex.Reason);
    }

    [Fact]
    public async Task ExpandAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _server.Hangs = true;
        using var client = _server.Client();
        using var cancel = new CancellationTokenSource();

        var expansion = new HttpValueSetExpander(client).ExpandAsync(Example, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => expansion);
    }

    [Fact]
    public async Task ExpandAsync_MoreConceptsThanAllowed_ThrowsTooLarge()
    {
        _server.ServePaged("http://example.org/vs/large", 30);
        using var client = _server.Client();

        var ex = await Assert.ThrowsAsync<TerminologyException>(() => new HttpValueSetExpander(client, new HttpValueSetExpanderOptions { MaxConcepts = 20, PageSize = 10 }).ExpandAsync("http://example.org/vs/large"));

        Assert.Equal(TerminologyFailureReasons.TooLarge, ex.Reason);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void Constructor_NoBaseAddress_Throws()
    {
        using var client = new HttpClient(_server, disposeHandler: false);

        Assert.Throws<ArgumentException>(() => new HttpValueSetExpander(client));
    }
}
