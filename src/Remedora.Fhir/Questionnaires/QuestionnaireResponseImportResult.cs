using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>The answers imported from a QuestionnaireResponse, placed in the form's structure, and what was moved or left out.</summary>
public sealed class QuestionnaireResponseImportResult
{
    internal QuestionnaireResponseImportResult(FormResponse response, IReadOnlyList<QuestionnaireResponseImportIssue> issues)
    {
        Response = response;
        Issues = issues;
    }

    /// <summary>Gets the answers, to the form passed to the import, with items in the form's structure.</summary>
    public FormResponse Response { get; }

    /// <summary>Gets what was moved or left out, in document order of the QuestionnaireResponse.</summary>
    public IReadOnlyList<QuestionnaireResponseImportIssue> Issues { get; }

    /// <summary>Describes the count only; never answers.</summary>
    /// <returns>For example <c>response to https://forms.example.org/phq-9|1.0.0: 2 issues</c>.</returns>
    public override string ToString() => $"{Response}: {Issues.Count} issues";
}
