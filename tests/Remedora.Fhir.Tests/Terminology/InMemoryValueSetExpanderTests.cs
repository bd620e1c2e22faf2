using Hl7.Fhir.Model;
using Remedora.Fhir.Terminology;

namespace Remedora.Fhir.Tests.Terminology;

public class InMemoryValueSetExpanderTests
{
    private const string Example = "http://hl7.org/fhir/ValueSet/example-expansion";

    [Fact]
    public async System.Threading.Tasks.Task ExpandAsync_SpecExampleExpansion_FlattensNestedContainsAndLeavesOutAbstractEntries()
    {
        var expander = new InMemoryValueSetExpander().AddJson(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));

        var expansion = await expander.ExpandAsync(Example);

        Assert.Equal(["14647-2", "2093-3", "48620-9", "9342-7", "2096-6", "35200-5", "48089-7", "55838-7"], expansion!.Concepts.Select(c => c.Code));
        Assert.Equal("Cholesterol [Percentile]", expansion.Concepts[3].Display);
    }

    [Fact]
    public async System.Threading.Tasks.Task ExpandAsync_Compose_ListsIncludedConceptsAndValueSetsWithoutExcludedOnes()
    {
        var expander = new InMemoryValueSetExpander()
            .AddJson("""
                { "resourceType": "ValueSet", "url": "http://example.org/vs/base", "status": "active",
                  "compose": { "include": [ { "system": "http://example.org/s", "concept": [ { "code": "a", "display": "A" }, { "code": "b" } ] } ] } }
                """)
            .AddJson("""
                { "resourceType": "ValueSet", "url": "http://example.org/vs/more", "status": "active",
                  "compose": {
                    "include": [ { "valueSet": [ "http://example.org/vs/base" ] },
                                 { "system": "http://example.org/s", "concept": [ { "code": "c", "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 3 } ] } ] } ],
                    "exclude": [ { "system": "http://example.org/s", "concept": [ { "code": "b" } ] } ] } }
                """);

        var expansion = await expander.ExpandAsync("http://example.org/vs/more");

        Assert.Equal(["a", "c"], expansion!.Concepts.Select(c => c.Code));
        Assert.Equal(3m, expansion.Concepts[1].Score);
        Assert.Equal("http://example.org/s", expansion.Concepts[0].System);
    }

    [Fact]
    public async System.Threading.Tasks.Task ExpandAsync_WholeRegisteredCodeSystem_ListsItsConceptsNestedOnesIncluded()
    {
        var expander = new InMemoryValueSetExpander()
            .AddJson("""
                { "resourceType": "CodeSystem", "url": "http://example.org/cs", "status": "active", "content": "complete",
                  "concept": [ { "code": "x", "concept": [ { "code": "x1" } ] }, { "code": "y" } ] }
                """)
            .AddJson("""{ "resourceType": "ValueSet", "url": "http://example.org/vs/all", "status": "active", "compose": { "include": [ { "system": "http://example.org/cs" } ] } }""");

        var expansion = await expander.ExpandAsync("http://example.org/vs/all");

        Assert.Equal(["x", "x1", "y"], expansion!.Concepts.Select(c => c.Code));
    }

    [Theory]
    [InlineData("""{ "system": "http://snomed.info/sct", "filter": [ { "property": "concept", "op": "is-a", "value": "404684003" } ] }""", "ValueSet.compose.include[0].filter")]
    [InlineData("""{ "system": "http://snomed.info/sct" }""", "ValueSet.compose.include[0].system")]
    [InlineData("""{ "valueSet": [ "http://example.org/vs/missing" ] }""", "ValueSet.compose.include[0].valueSet")]
    public async System.Threading.Tasks.Task ExpandAsync_ConstructNotExpandableInMemory_ThrowsNotSupportedNamingThePath(string include, string path)
    {
        var expander = new InMemoryValueSetExpander().AddJson($$"""{ "resourceType": "ValueSet", "url": "http://example.org/vs/f", "status": "active", "compose": { "include": [ {{include}} ] } }""");

        var ex = await Assert.ThrowsAsync<TerminologyException>(() => expander.ExpandAsync("http://example.org/vs/f"));

        Assert.Equal(TerminologyFailureReasons.NotSupported, ex.Reason);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task ExpandAsync_UnknownValueSet_ReturnsNull()
        => Assert.Null(await new InMemoryValueSetExpander().ExpandAsync(Example));

    [Fact]
    public async System.Threading.Tasks.Task ExpandAsync_TwoVersions_VersionedCanonicalPicksItsVersion()
    {
        var expander = new InMemoryValueSetExpander()
            .Add(Version("1", "old"))
            .Add(Version("2", "new"));

        Assert.Equal("old", (await expander.ExpandAsync("http://example.org/vs/v|1"))!.Concepts.Single().Code);
        Assert.Equal("new", (await expander.ExpandAsync("http://example.org/vs/v"))!.Concepts.Single().Code);
        Assert.Null(await expander.ExpandAsync("http://example.org/vs/v|3"));
    }

    private static ValueSet Version(string version, string code) => new()
    {
        Url = "http://example.org/vs/v",
        Version = version,
        Status = PublicationStatus.Active,
        Compose = new ValueSet.ComposeComponent { Include = [new ValueSet.ConceptSetComponent { System = "http://example.org/s", Concept = [new ValueSet.ConceptReferenceComponent { Code = code }] }] },
    };
}
