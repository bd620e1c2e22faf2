using Remedora.Fhir.Questionnaires;
using Remedora.Fhir.Terminology;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Terminology;

public sealed class ValueSetResolverTests : IDisposable
{
    private const string Example = "http://hl7.org/fhir/ValueSet/example-expansion";
    private readonly FakeTerminologyServer _server = new();

    public void Dispose() => _server.Dispose();

    private static string Questionnaire(string answerValueSet) => $$"""
        { "resourceType": "Questionnaire", "url": "https://forms.example.org/tx-{{Guid.NewGuid():N}}", "version": "1", "status": "active",
          "item": [ { "linkId": "g", "type": "group", "item": [ { "linkId": "chol", "type": "choice", "answerValueSet": "{{answerValueSet}}" } ] } ] }
        """;

    private static FormResponse Answer(FormDefinition form, string code) => new()
    {
        Form = form.Reference,
        Items = [ResponseItem.Group("g", ResponseItem.Question("chol", AnswerValue.Code("http://loinc.org", code)))],
    };

    [Fact]
    public void ImportJson_NoTerminologySource_WarnsNamingTheItemAndTheValueSet()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire(Example));

        var issue = Assert.Single(result.Issues);
        Assert.Equal((QuestionnaireImportIssueCodes.ExternalValueSet, ImportIssueSeverity.Warning, "item[g].item[chol].answerValueSet"), (issue.Code, issue.Severity, issue.Path));
        Assert.Contains(Example, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_InMemoryExpander_OffersAndChecksTheExpandedConcepts()
    {
        var expander = new InMemoryValueSetExpander().AddJson(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));
        var imported = QuestionnaireMapper.ImportJson(Questionnaire(Example));

        var resolved = await ValueSetResolver.ResolveAsync(imported, expander);

        Assert.Empty(resolved.Issues);
        var valueSet = Assert.Single(resolved.Definition.ValueSets);
        Assert.Equal((Example, 8), (valueSet.Url, valueSet.Concepts.Count));
        var compiled = QuestionnaireFiles.Engine.Compile(resolved.Definition);
        Assert.True(compiled.Evaluate(Answer(resolved.Definition, "9342-7")).IsValid);
        var refused = compiled.Evaluate(Answer(resolved.Definition, "0000-0"));
        Assert.Contains(refused.Problems, p => p.Code == IntakeProblemCodes.AnswerOption);

        // Unresolved, the same answer is not checked (a second engine: one engine holds one definition per version).
        var unresolved = new FormEngine([new Remedora.Fhir.Expressions.FhirPathLanguage()]).Compile(imported.Definition);
        Assert.True(unresolved.Evaluate(Answer(imported.Definition, "0000-0")).IsValid);
    }

    [Fact]
    public async Task ResolveAsync_HttpExpander_ResolvesThroughTheServerOnceForItemsSharingAValueSet()
    {
        _server.Serve(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));
        using var client = _server.Client();
        var json = $$"""
            { "resourceType": "Questionnaire", "url": "https://forms.example.org/tx-two", "version": "1", "status": "active",
              "item": [ { "linkId": "a", "type": "choice", "answerValueSet": "{{Example}}" }, { "linkId": "b", "type": "choice", "answerValueSet": "{{Example}}" } ] }
            """;

        var resolved = await ValueSetResolver.ResolveAsync(QuestionnaireMapper.ImportJson(json), new HttpValueSetExpander(client));

        Assert.Empty(resolved.Issues);
        Assert.Single(resolved.Definition.ValueSets);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ResolveAsync_UnknownValueSet_WarnsValueSetNotFoundAtTheItem()
    {
        var resolved = await ValueSetResolver.ResolveAsync(QuestionnaireMapper.ImportJson(Questionnaire("http://example.org/vs/unknown")), new InMemoryValueSetExpander());

        var issue = Assert.Single(resolved.Issues);
        Assert.Equal((QuestionnaireImportIssueCodes.ValueSetNotFound, "item[g].item[chol].answerValueSet", ImportIssueSeverity.Warning), (issue.Code, issue.Path, issue.Severity));
        Assert.Contains("http://example.org/vs/unknown", issue.Message, StringComparison.Ordinal);
        Assert.Empty(resolved.Definition.ValueSets);
    }

    [Fact]
    public async Task ResolveAsync_ExpansionFails_WarnsWithTheReason()
    {
        _server.Fixed = (System.Net.HttpStatusCode.InternalServerError, FakeTerminologyServer.Outcome("exception", "boom"));
        using var client = _server.Client();

        var resolved = await ValueSetResolver.ResolveAsync(QuestionnaireMapper.ImportJson(Questionnaire(Example)), new HttpValueSetExpander(client));

        var issue = Assert.Single(resolved.Issues);
        Assert.Equal(QuestionnaireImportIssueCodes.ValueSetExpansionFailed, issue.Code);
        Assert.Contains(TerminologyFailureReasons.ServerError, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_ResolvedDefinition_KeepsTheQuestionnaireAsImportedForFhirPath()
    {
        var json = $$"""
            { "resourceType": "Questionnaire", "url": "https://forms.example.org/tx-src", "version": "1", "status": "active",
              "item": [ { "linkId": "a", "type": "choice", "answerValueSet": "{{Example}}",
                          "extension": [ { "url": "http://example.org/custom", "valueString": "kept" } ] },
                        { "linkId": "t", "type": "integer", "readOnly": true, "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
                          "valueExpression": { "language": "text/fhirpath", "expression": "%questionnaire.contained.count()" } } ] } ] }
            """;
        var expander = new InMemoryValueSetExpander().AddJson(FakeTerminologyServer.DataFile("valueset-example-expansion.json"));

        var resolved = await ValueSetResolver.ResolveAsync(QuestionnaireMapper.ImportJson(json), expander);
        var evaluation = QuestionnaireFiles.Engine.Evaluate(resolved.Definition, new FormResponse { Form = resolved.Definition.Reference });

        Assert.Equal([new IntegerAnswer(0)], evaluation.AnswersOf("t"));
    }
}
