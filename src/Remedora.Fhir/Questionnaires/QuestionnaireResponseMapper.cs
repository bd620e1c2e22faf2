using Hl7.Fhir.Model;
using Remedora.Fhir.Expressions;
using Remedora.Intake;
using Remedora.Intake.Submissions;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Exports answers (a <see cref="FormResponse"/>, for example <c>FormEvaluation.Response</c> of a submission) as a FHIR R4 QuestionnaireResponse, and imports QuestionnaireResponses from other systems.</summary>
public static class QuestionnaireResponseMapper
{
    /// <summary>Exports answers as a QuestionnaireResponse to the exact form version they answered.</summary>
    /// <param name="response">The answers; export what the engine kept (<c>FormEvaluation.Response</c>) so answers to disabled items are left out.</param>
    /// <param name="options">The status, subject and time; the defaults when <see langword="null"/>.</param>
    /// <returns>The QuestionnaireResponse.</returns>
    /// <exception cref="FhirFormatException">The answers' items nest deeper than <see cref="FormDefinition.MaxItemDepth"/> (error code <see cref="FhirFormatException.NestingTooDeepCode"/>).</exception>
    public static QuestionnaireResponse Export(FormResponse response, QuestionnaireResponseExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        CheckDepth(response);
        options ??= new QuestionnaireResponseExportOptions();
        var qr = ResponseMapping.ToQuestionnaireResponse(response, options.Status switch
        {
            ResponseStatus.InProgress => QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            ResponseStatus.Amended => QuestionnaireResponse.QuestionnaireResponseStatus.Amended,
            ResponseStatus.EnteredInError => QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError,
            ResponseStatus.Stopped => QuestionnaireResponse.QuestionnaireResponseStatus.Stopped,
            _ => QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        });
        qr.Id = options.Id;
        if (options.Patient is { } patient)
        {
            qr.Subject = FhirReferences.ToReference(patient);
        }

        if (options.Authored is { } authored)
        {
            qr.AuthoredElement = new FhirDateTime(authored);
        }

        return qr;
    }

    /// <summary>
    /// Imports a QuestionnaireResponse in FHIR R4 JSON (for example from LHC-Forms, CSIRO Smart Forms or a patient app) as
    /// answers to <paramref name="form"/>: items are placed by linkId in the form's structure; what was moved or left out
    /// is in <see cref="QuestionnaireResponseImportResult.Issues"/> with its path, never with a value.
    /// </summary>
    /// <param name="json">The QuestionnaireResponse.</param>
    /// <param name="form">The form the answers are to; the result's <see cref="FormResponse.Form"/> is its reference.</param>
    /// <returns>The answers and the issues.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 QuestionnaireResponse in JSON, or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    public static QuestionnaireResponseImportResult ImportJson(string json, FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(json);
        return Import(ParseJson(json), form);
    }

    /// <summary>Parses a QuestionnaireResponse in JSON, keeping its <c>questionnaire</c> canonical as written.</summary>
    internal static QuestionnaireResponse ParseJson(string json)
    {
        // The canonical is compared, not parsed: a urn:uuid url with a version (url|version) is refused by the parser.
        string? canonical = null;
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4 * FormDefinition.MaxItemDepth + 16 }) is System.Text.Json.Nodes.JsonObject root
                && root["questionnaire"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text))
            {
                canonical = text;
                root.Remove("questionnaire");
                json = root.ToJsonString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Left to the FHIR parser, which reports it without quoting the text.
        }

        var response = FhirFormats.ParseJson<QuestionnaireResponse>(json);
        if (canonical is not null)
        {
            response.QuestionnaireElement = new Canonical(canonical);
        }

        return response;
    }

    /// <summary>Imports a QuestionnaireResponse in FHIR R4 XML as answers to <paramref name="form"/>, as <see cref="ImportJson"/> does.</summary>
    /// <param name="xml">The QuestionnaireResponse.</param>
    /// <param name="form">The form the answers are to.</param>
    /// <returns>The answers and the issues.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 QuestionnaireResponse in XML, or its items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    public static QuestionnaireResponseImportResult ImportXml(string xml, FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(xml);
        return Import(ParseXml(xml), form);
    }

    /// <summary>Parses a QuestionnaireResponse in XML, keeping its <c>questionnaire</c> canonical as written.</summary>
    internal static QuestionnaireResponse ParseXml(string xml)
    {
        // The canonical is compared, not parsed: a urn:uuid url with a version (url|version) is refused by the parser.
        string? canonical = null;
        try
        {
            var document = System.Xml.Linq.XDocument.Parse(xml);
            if (document.Root?.Element(System.Xml.Linq.XName.Get("questionnaire", "http://hl7.org/fhir")) is { } element && element.Attribute("value") is { } value)
            {
                canonical = value.Value;
                element.Remove();
                xml = document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
            }
        }
        catch (System.Xml.XmlException)
        {
            // Left to the FHIR parser, which reports it without quoting the text.
        }

        var response = FhirFormats.ParseXml<QuestionnaireResponse>(xml);
        if (canonical is not null)
        {
            response.QuestionnaireElement = new Canonical(canonical);
        }

        return response;
    }

    /// <summary>Imports a QuestionnaireResponse as answers to <paramref name="form"/>, as <see cref="ImportJson"/> does.</summary>
    /// <param name="response">The QuestionnaireResponse.</param>
    /// <param name="form">The form the answers are to.</param>
    /// <returns>The answers and the issues.</returns>
    /// <exception cref="FhirFormatException">The response's items nest deeper than <see cref="FormDefinition.MaxItemDepth"/>.</exception>
    public static QuestionnaireResponseImportResult Import(QuestionnaireResponse response, FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(form);
        return new QuestionnaireResponseReader(form).Read(response);
    }

    /// <summary>Refuses answers nested deeper than <see cref="FormDefinition.MaxItemDepth"/>, walked without recursion.</summary>
    private static void CheckDepth(FormResponse response)
    {
        var pending = new Stack<(ResponseItem Item, int Depth, string Path)>();
        void PushAll(IReadOnlyList<ResponseItem>? items, int depth, string? parent)
        {
            for (var i = (items?.Count ?? 0) - 1; i >= 0; i--)
            {
                if (items![i] is { } item)
                {
                    var step = $"item[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                    pending.Push((item, depth, parent is null ? step : $"{parent}.{step}"));
                }
            }
        }

        PushAll(response.Items, 1, null);
        while (pending.Count > 0)
        {
            var (item, depth, path) = pending.Pop();
            if (depth > FormDefinition.MaxItemDepth)
            {
                throw FhirFormatException.AnswersNestedTooDeep(path);
            }

            PushAll(item.Items, depth + 1, path);
            var answers = item.Answers ?? [];
            for (var a = 0; a < answers.Count; a++)
            {
                PushAll(answers[a]?.Items, depth + 1, $"{path}.answer[{a.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            }
        }
    }

    /// <summary>
    /// Exports a stored submission as a QuestionnaireResponse: its id, the patient, when it was submitted, status
    /// <c>completed</c> (or <c>amended</c> for a correction), and the answers it kept.
    /// </summary>
    /// <param name="submission">The submission.</param>
    /// <returns>The QuestionnaireResponse.</returns>
    public static QuestionnaireResponse Export(IntakeSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return Export(submission.Response with { Form = submission.Form }, new QuestionnaireResponseExportOptions
        {
            Id = submission.Id.ToString(),
            Patient = submission.PatientId,
            Authored = submission.SubmittedAt,
            Status = submission.Supersedes is null ? ResponseStatus.Completed : ResponseStatus.Amended,
        });
    }

    /// <summary>Exports answers as a QuestionnaireResponse in FHIR R4 JSON.</summary>
    /// <param name="response">The answers.</param>
    /// <param name="options">The status, subject and time.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public static string ExportJson(FormResponse response, QuestionnaireResponseExportOptions? options = null, bool pretty = false)
        => FhirFormats.ToJson(Export(response, options), pretty);

    /// <summary>Exports answers as a QuestionnaireResponse in FHIR R4 XML.</summary>
    /// <param name="response">The answers.</param>
    /// <param name="options">The status, subject and time.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The XML.</returns>
    public static string ExportXml(FormResponse response, QuestionnaireResponseExportOptions? options = null, bool pretty = false)
        => FhirFormats.ToXml(Export(response, options), pretty);
}
