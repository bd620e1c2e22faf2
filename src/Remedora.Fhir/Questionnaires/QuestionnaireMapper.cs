using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// Imports FHIR R4 Questionnaires (with the SDC extensions) as Remedora.Intake form definitions and exports definitions
/// as Questionnaires. Round trip Questionnaire, definition, Questionnaire keeps every element: what the model does not
/// interpret is kept as uninterpreted extensions and elements and written back unchanged.
/// </summary>
public static class QuestionnaireMapper
{
    /// <summary>Imports a Questionnaire in FHIR R4 JSON.</summary>
    /// <param name="json">The Questionnaire.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <returns>The definition and what could not be imported as it is.</returns>
    /// <remarks>
    /// Small defects whose meaning is clear (a number or boolean written as a string, a time in an integer element, an
    /// id or uri that breaks its R4 format) are repaired and reported as warning issues with their FHIR path, unless
    /// <see cref="QuestionnaireImportOptions.Strict"/> is set.
    /// </remarks>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 Questionnaire in JSON (in strict mode, also a small defect), or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    public static QuestionnaireImportResult ImportJson(string json, QuestionnaireImportOptions? options = null)
    {
        options ??= new QuestionnaireImportOptions();
        var repairs = new List<QuestionnaireImportIssue>();
        var questionnaire = TolerantQuestionnaireParser.ParseJson(json, options.Strict, repairs);
        return Import(questionnaire, options, repairs);
    }

    /// <summary>Imports a Questionnaire in FHIR R4 XML.</summary>
    /// <param name="xml">The Questionnaire.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <returns>The definition and what could not be imported as it is.</returns>
    /// <remarks>
    /// An id or uri that breaks its R4 format (the one JSON repair that applies to XML) is kept as written and reported as
    /// a warning issue with its FHIR path, unless <see cref="QuestionnaireImportOptions.Strict"/> is set.
    /// </remarks>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 Questionnaire in XML (in strict mode, also an id or uri that breaks its format), or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    public static QuestionnaireImportResult ImportXml(string xml, QuestionnaireImportOptions? options = null)
    {
        options ??= new QuestionnaireImportOptions();
        var repairs = new List<QuestionnaireImportIssue>();
        var questionnaire = TolerantQuestionnaireXmlParser.Parse(xml, options.Strict, repairs);
        return Import(questionnaire, options, repairs);
    }

    /// <summary>Imports a Questionnaire.</summary>
    /// <param name="questionnaire">The Questionnaire.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <returns>The definition and what could not be imported as it is.</returns>
    public static QuestionnaireImportResult Import(Questionnaire questionnaire, QuestionnaireImportOptions? options = null)
        => Import(questionnaire, options, []);

    private static QuestionnaireImportResult Import(Questionnaire questionnaire, QuestionnaireImportOptions? options, List<QuestionnaireImportIssue> repairs)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var source = (JsonObject)JsonNode.Parse(FhirFormats.ToJson(questionnaire))!;
        var reader = new QuestionnaireReader(options ?? new QuestionnaireImportOptions());
        reader.CollectVariableNames(source);
        var definition = reader.ReadDefinition(source);
        var issues = repairs.Concat(reader.Issues).ToList();

        // Check that what was imported is written back unchanged, so nothing is ever dropped silently.
        var written = (JsonObject)JsonNode.Parse(FhirFormats.ToJson(FhirFormats.ParseJson<Questionnaire>(QuestionnaireWriter.WriteDefinition(definition).ToJsonString(), acceptFormatErrors: true)))!;
        foreach (var difference in JsonShape.Differences(source, written, ignoreAssigned: source["url"] is null || source["version"] is null))
        {
            issues.Add(new QuestionnaireImportIssue(difference, QuestionnaireImportIssueCodes.NotPreserved, "This element cannot be held by the form model as written; an export of the definition writes it differently or not at all.", ImportIssueSeverity.Warning));
        }

        QuestionnaireSources.Remember(definition, FhirFormats.ParseJson<Questionnaire>(source.ToJsonString(), acceptFormatErrors: true));
        return new QuestionnaireImportResult(definition, issues);
    }

    /// <summary>Exports a definition as a Questionnaire.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The Questionnaire.</returns>
    /// <exception cref="FhirFormatException">The definition holds uninterpreted content that is not valid FHIR.</exception>
    /// <exception cref="Intake.Engine.FormDefinitionException">The definition's items nest deeper than <see cref="FormDefinition.MaxItemDepth"/> (<see cref="Intake.Engine.FormDefinitionIssueCodes.ItemNestingTooDeep"/>).</exception>
    public static Questionnaire Export(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // A definition imported with an id or uri kept as written (a variable name with "_") exports as it was imported.
        return FhirFormats.ParseJson<Questionnaire>(QuestionnaireWriter.WriteDefinition(definition).ToJsonString(), acceptFormatErrors: true);
    }

    /// <summary>Exports a definition as a Questionnaire in FHIR R4 JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public static string ExportJson(FormDefinition definition, bool pretty = false) => FhirFormats.ToJson(Export(definition), pretty);

    /// <summary>Exports a definition as a Questionnaire in FHIR R4 XML.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The XML.</returns>
    public static string ExportXml(FormDefinition definition, bool pretty = false) => FhirFormats.ToXml(Export(definition), pretty);
}
