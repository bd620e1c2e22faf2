namespace Remedora.Fhir.Questionnaires;

/// <summary>The findings of validating a QuestionnaireResponse against its Questionnaire (<see cref="QuestionnaireResponseValidator"/>).</summary>
public sealed class QuestionnaireResponseValidationResult
{
    internal QuestionnaireResponseValidationResult(IReadOnlyList<QuestionnaireResponseFinding> findings)
    {
        Findings = findings;
        Errors = findings.Where(f => f.Severity == QuestionnaireResponseFindingSeverity.Error).ToArray();
    }

    /// <summary>Gets every finding, errors first in document order, then warnings, then information.</summary>
    public IReadOnlyList<QuestionnaireResponseFinding> Findings { get; }

    /// <summary>Gets the findings of severity <see cref="QuestionnaireResponseFindingSeverity.Error"/>.</summary>
    public IReadOnlyList<QuestionnaireResponseFinding> Errors { get; }

    /// <summary>Gets a value indicating whether the response breaks no rule of the Questionnaire (warnings and information do not count).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Describes the counts only.</summary>
    /// <returns>For example <c>2 errors, 1 other finding</c>.</returns>
    public override string ToString() => $"{Errors.Count} errors, {Findings.Count - Errors.Count} other findings";
}
