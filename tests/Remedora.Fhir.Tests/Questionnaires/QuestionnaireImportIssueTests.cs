using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Questionnaires;

public class QuestionnaireImportIssueTests
{
    private static string Questionnaire(string items, string rootExtensions = "", string contained = "")
        => $$"""
            {
              "resourceType": "Questionnaire", "id": "q", "url": "https://forms.example.org/q-{{Guid.NewGuid():N}}", "version": "1.0.0", "status": "active",
              {{(contained.Length > 0 ? $"\"contained\": [{contained}]," : string.Empty)}}
              {{(rootExtensions.Length > 0 ? $"\"extension\": [{rootExtensions}]," : string.Empty)}}
              "item": [{{items}}]
            }
            """;

    [Fact]
    public void ImportJson_FhirQueryVariable_IsAnErrorAndKeptForExport()
    {
        var json = Questionnaire(
            """{ "linkId": "a", "type": "string" }""",
            """{ "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "obs", "language": "application/x-fhir-query", "expression": "Observation?code=1234" } }""");

        var result = QuestionnaireMapper.ImportJson(json);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((QuestionnaireImportIssueCodes.FhirQueryNeedsServer, ImportIssueSeverity.Error, "extension[variable]"), (issue.Code, issue.Severity, issue.Path));
        Assert.Empty(result.Definition.Variables);
        Assert.Contains("Observation?code=1234", QuestionnaireMapper.ExportJson(result.Definition), StringComparison.Ordinal);
    }

    [Fact]
    public void ImportJson_ExpressionUsingAFhirQueryVariable_IsReportedAndNotEvaluated()
    {
        var json = Questionnaire(
            """
            { "linkId": "a", "type": "decimal", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%obs.value" } } ] }
            """,
            """{ "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "obs", "language": "application/x-fhir-query", "expression": "Observation?code=1234" } }""");

        var result = QuestionnaireMapper.ImportJson(json);

        Assert.Equal([QuestionnaireImportIssueCodes.FhirQueryNeedsServer, QuestionnaireImportIssueCodes.FhirQueryNeedsServer], result.Issues.Select(i => i.Code));
        Assert.Equal("item[a].extension[calculatedExpression]", result.Issues[1].Path);
        Assert.Null(result.Definition.Items[0].CalculatedExpression);
        QuestionnaireFiles.Engine.Compile(result.Definition);
    }

    [Fact]
    public void ImportJson_LaunchContextExpression_IsAnError()
    {
        var json = Questionnaire("""
            { "linkId": "dob", "type": "date", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%patient.birthDate" } } ] }
            """);

        var result = QuestionnaireMapper.ImportJson(json);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(QuestionnaireImportIssueCodes.LaunchContextRequired, issue.Code);
        Assert.Contains("%patient", issue.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition.Items[0].InitialExpression);
    }

    [Fact]
    public void ImportJson_SupportedLaunchContext_IsImported()
    {
        var json = Questionnaire("""
            { "linkId": "dob", "type": "date", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%patient.birthDate" } } ] }
            """);
        var options = new QuestionnaireImportOptions();
        options.SupportedLaunchContexts.Add("patient");

        var result = QuestionnaireMapper.ImportJson(json, options);

        Assert.Empty(result.Issues);
        Assert.Equal("%patient.birthDate", result.Definition.Items[0].InitialExpression?.Expression);
    }

    [Fact]
    public void ImportJson_InitialExpressionWithoutLaunchContext_IsEvaluated()
    {
        var json = Questionnaire("""
            { "linkId": "n", "type": "integer", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "1 + 2" } } ] }
            """);

        var result = QuestionnaireMapper.ImportJson(json);
        var initial = QuestionnaireFiles.Engine.Compile(result.Definition).CreateInitialResponse();

        Assert.Empty(result.Issues);
        Assert.Equal(new IntegerAnswer(3), Assert.Single(Assert.Single(initial.Items).Answers).Value);
    }

    [Fact]
    public void ImportJson_ExternalAnswerValueSet_IsAWarning()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""{ "linkId": "c", "type": "choice", "answerValueSet": "http://loinc.org/vs/LL1-9" }"""));

        var issue = Assert.Single(result.Issues);
        Assert.Equal((QuestionnaireImportIssueCodes.ExternalValueSet, ImportIssueSeverity.Warning), (issue.Code, issue.Severity));
        Assert.False(result.HasErrors);
        Assert.Equal("http://loinc.org/vs/LL1-9", result.Definition.Items[0].AnswerValueSet);
    }

    [Fact]
    public void ImportJson_ContainedValueSetWithFilter_IsReportedAndKept()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire(
            """{ "linkId": "c", "type": "choice", "answerValueSet": "#vs" }""",
            contained: """{ "resourceType": "ValueSet", "id": "vs", "status": "active", "compose": { "include": [ { "system": "http://snomed.info/sct", "filter": [ { "property": "concept", "op": "is-a", "value": "404684003" } ] } ] } }"""));

        Assert.Equal([QuestionnaireImportIssueCodes.ValueSetNotEnumerable, QuestionnaireImportIssueCodes.ValueSetNotEnumerable], result.Issues.Select(i => i.Code));
        Assert.Equal("contained[vs].compose.include[0].filter", result.Issues[0].Path);
        Assert.Contains("filter", result.Issues[0].Message, StringComparison.Ordinal);
        Assert.Null(result.Definition.Items[0].AnswerValueSet);
        var exported = QuestionnaireMapper.ExportJson(result.Definition);
        Assert.Contains("404684003", exported, StringComparison.Ordinal);
        Assert.Contains("\"answerValueSet\":\"#vs\"", exported, StringComparison.Ordinal);
        QuestionnaireFiles.Engine.Compile(result.Definition);
    }

    [Fact]
    public void ImportJson_AnswerExpression_IsAnError()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""
            { "linkId": "c", "type": "choice", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%resource.item.answer.value" } } ] }
            """));

        Assert.Equal(QuestionnaireImportIssueCodes.AnswerExpressionUnsupported, Assert.Single(result.Issues).Code);
        Assert.Single(result.Definition.Items[0].Extensions);
    }

    [Fact]
    public void ImportJson_CqlExpression_IsAnError()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""
            { "linkId": "c", "type": "boolean", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
              "valueExpression": { "language": "text/cql", "expression": "true" } } ] }
            """));

        Assert.Equal(QuestionnaireImportIssueCodes.ExpressionLanguageUnsupported, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void ImportJson_InvalidFhirPath_IsAnErrorAndTheFormStillLoads()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""
            { "linkId": "c", "type": "decimal", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "1 +* 2" } } ] }
            """));

        Assert.Equal(QuestionnaireImportIssueCodes.ExpressionInvalid, Assert.Single(result.Issues).Code);
        QuestionnaireFiles.Engine.Compile(result.Definition);
    }

    [Fact]
    public void ImportJson_SdcExtensions_AreMappedToTheModel()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""
            { "linkId": "w", "type": "quantity", "required": true, "extension": [
                { "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden", "valueBoolean": true },
                { "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption", "valueCoding": { "system": "http://unitsofmeasure.org", "code": "kg" } },
                { "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption", "valueCoding": { "system": "http://unitsofmeasure.org", "code": "[lb_av]" } },
                { "url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueQuantity": { "value": 1, "system": "http://unitsofmeasure.org", "code": "kg" } },
                { "url": "http://hl7.org/fhir/StructureDefinition/entryFormat", "valueString": "999.9" } ] },
            { "linkId": "s", "type": "string", "maxLength": 10, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/regex", "valueString": "[A-Z]+" },
                { "url": "http://hl7.org/fhir/StructureDefinition/minLength", "valueInteger": 2 } ] },
            { "linkId": "p", "type": "attachment", "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/mimeType", "valueCode": "image/jpeg" },
                { "url": "http://hl7.org/fhir/StructureDefinition/maxSize", "valueDecimal": 5000000 } ] },
            { "linkId": "o", "type": "choice", "answerOption": [
                { "valueCoding": { "code": "x" }, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 4 } ] },
                { "valueString": "y", "initialSelected": true, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2.5 } ] } ] },
            { "linkId": "n", "type": "integer", "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10 } ],
              "enableWhen": [ { "question": "s", "operator": "exists", "answerBoolean": true } ] }
            """));

        // itemWeight is read as the option's score and written back as the R4 ordinalValue: the import says so.
        var issue = Assert.Single(result.Issues);
        Assert.Equal((QuestionnaireImportIssueCodes.NotPreserved, "item[3].answerOption[0].extension[0].url"), (issue.Code, issue.Path));
        var items = result.Definition.Items;
        Assert.True(items[0].Hidden);
        Assert.True(items[0].Required);
        Assert.Equal(["kg", "[lb_av]"], items[0].UnitOptions.Select(u => u.Code));
        Assert.Equal(new QuantityAnswer(new FormQuantity(1, null, "http://unitsofmeasure.org", "kg")), items[0].MinValue);
        Assert.Equal("999.9", items[0].EntryFormat);
        Assert.Equal(("[A-Z]+", 2, 10), (items[1].Regex, items[1].MinLength, items[1].MaxLength));
        Assert.Equal(["image/jpeg"], items[2].AllowedContentTypes);
        Assert.Equal(5_000_000L, items[2].MaxAttachmentSize);
        Assert.Equal([4m, 2.5m], items[3].AnswerOptions.Select(o => o.Score));
        Assert.True(items[3].AnswerOptions[1].InitialSelected);
        Assert.Equal(new IntegerAnswer(10), items[4].MaxValue);
        Assert.Equal(new EnableWhenCondition("s", ComparisonOperator.Exists, BooleanAnswer.True), Assert.Single(items[4].EnableWhen));
    }

    [Fact]
    public void Export_ItemWeight_IsWrittenAsOrdinalValueWithTheSameScore()
    {
        var result = QuestionnaireMapper.ImportJson(Questionnaire("""
            { "linkId": "o", "type": "choice", "answerOption": [
                { "valueCoding": { "code": "x" }, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 4 } ] } ] }
            """));

        var exported = QuestionnaireMapper.ExportJson(result.Definition);

        Assert.Contains("""{"url":"http://hl7.org/fhir/StructureDefinition/ordinalValue","valueDecimal":4}""", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportJson_QuestionnaireWithoutUrlOrIdStrict_IsAnError()
    {
        // Strict mode: by default (issue 15 item 8) a url is assigned from the content, with a warning.
        var result = QuestionnaireMapper.ImportJson("""{ "resourceType": "Questionnaire", "status": "draft", "item": [ { "linkId": "a", "type": "boolean" } ] }""", new QuestionnaireImportOptions { Strict = true });

        Assert.Equal(
            [(QuestionnaireImportIssueCodes.UrlAssigned, ImportIssueSeverity.Error), (QuestionnaireImportIssueCodes.VersionAssigned, ImportIssueSeverity.Warning)],
            result.Issues.Select(i => (i.Code, i.Severity)));
    }

    [Fact]
    public void ImportJson_FallbackUrlAndVersion_AreUsed()
    {
        var result = QuestionnaireMapper.ImportJson(
            """{ "resourceType": "Questionnaire", "status": "draft", "item": [ { "linkId": "a", "type": "boolean" } ] }""",
            new QuestionnaireImportOptions { FallbackUrl = "https://forms.example.org/x", FallbackVersion = "2" });

        Assert.Equal(new FormVersionReference("https://forms.example.org/x", "2"), result.Definition.Reference);
    }

    [Theory]
    [InlineData("""{ "resourceType": "Patient", "active": true }""", "is a FHIR Patient, not a Questionnaire")]
    [InlineData("""{ "resourceType": "Questionnaire", "status": 12 }""", "is not a valid FHIR R4 Questionnaire")]
    [InlineData("not json", "is not a valid FHIR R4 Questionnaire")]
    public void ImportJson_NotAQuestionnaire_ThrowsFhirFormatException(string json, string message)
    {
        var ex = Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportJson(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(FhirFormatException.ErrorCode, ex.Code);
    }

    [Fact]
    public void ImportXml_NotXml_ThrowsFhirFormatException()
        => Assert.Throws<FhirFormatException>(() => QuestionnaireMapper.ImportXml("<Questionnaire"));
}
