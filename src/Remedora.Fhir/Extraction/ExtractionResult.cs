using Hl7.Fhir.Model;

namespace Remedora.Fhir.Extraction;

/// <summary>The resources extracted from a QuestionnaireResponse (SDC <c>$extract</c>), as a transaction Bundle, and what could not be extracted.</summary>
public sealed class ExtractionResult
{
    internal ExtractionResult(Bundle bundle, IReadOnlyList<ExtractionIssue> issues)
    {
        Bundle = bundle;
        Issues = issues;
    }

    /// <summary>Gets the transaction Bundle: one <c>POST</c> entry per extracted resource, each with a <c>urn:uuid:</c> fullUrl.</summary>
    public Bundle Bundle { get; }

    /// <summary>Gets the extracted resources, in Bundle order.</summary>
    public IReadOnlyList<Resource> Resources => Bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToArray();

    /// <summary>Gets what could not be extracted, in Questionnaire order.</summary>
    public IReadOnlyList<ExtractionIssue> Issues { get; }

    /// <summary>Writes the Bundle as FHIR R4 JSON.</summary>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public string ToJson(bool pretty = false) => FhirFormats.ToJson(Bundle, pretty);

    /// <summary>Describes the counts only; never values.</summary>
    /// <returns>For example <c>3 resources, 1 issue</c>.</returns>
    public override string ToString() => $"{Bundle.Entry.Count} resources, {Issues.Count} issues";
}
