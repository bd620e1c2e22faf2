using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// Parses a Questionnaire in FHIR R4 XML tolerantly. XML has no JSON types, so of the JSON repairs only one applies: an
/// id or uri that breaks its R4 format (a variable name with <c>_</c>, <c>http://loinc.org|2.80</c>) is kept as written
/// and reported (<see cref="QuestionnaireImportIssueCodes.IdInvalid"/>, <see cref="QuestionnaireImportIssueCodes.UriInvalid"/>).
/// Anything else, and in strict mode that too, is refused as before.
/// </summary>
internal static class TolerantQuestionnaireXmlParser
{
    private const string BadLiteralFormat = "PVAL124";
    private static readonly FhirXmlDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly HashSet<string> IdElements = new(StringComparer.Ordinal) { "name", "id" };

    public static Questionnaire Parse(string xml, bool strict, List<QuestionnaireImportIssue> repairs)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (strict)
        {
            return FhirFormats.ParseXml<Questionnaire>(xml);
        }

        if (ItemNesting.FindTooDeepXml(xml) is { } deep)
        {
            throw FhirFormatException.NestedTooDeep(typeof(Questionnaire), "XML", deep);
        }

        try
        {
            return FhirFormats.ParseXml<Questionnaire>(xml);
        }
        catch (FhirFormatException)
        {
            // Parsed again below to see whether only literal formats are broken; any other failure is rethrown as it was.
        }

        Resource? partial;
        List<(string Code, string Path)> errors;
        try
        {
            partial = Deserializer.Deserialize<Resource>(xml);
            errors = [];
        }
        catch (DeserializationFailedException ex)
        {
            partial = ex.PartialResult as Resource;
            errors = [.. ex.Exceptions.Select(e => (Code: e.ErrorCode ?? string.Empty, Path: (e as ExtendedCodedException)?.InstancePath ?? "$"))];
        }
#pragma warning disable CA1031 // Any other failure of the parser: the strict parse's refusal is the answer (it never quotes the text).
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return FhirFormats.ParseXml<Questionnaire>(xml);
        }

        if (partial is not Questionnaire questionnaire || errors.Count == 0 || errors.Any(e => e.Code != BadLiteralFormat))
        {
            return FhirFormats.ParseXml<Questionnaire>(xml);
        }

        foreach (var (_, path) in errors)
        {
            var name = path[(path.LastIndexOf('.') + 1)..];
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = name[..bracket];
            }

            var (code, rule) = IdElements.Contains(name)
                ? (QuestionnaireImportIssueCodes.IdInvalid, "An id breaks the R4 id format.")
                : (QuestionnaireImportIssueCodes.UriInvalid, "A uri holds characters R4 does not allow.");
            repairs.Add(new QuestionnaireImportIssue(path, code, $"{rule} The value was kept as written; correct the Questionnaire.", ImportIssueSeverity.Warning));
        }

        return questionnaire;
    }
}
