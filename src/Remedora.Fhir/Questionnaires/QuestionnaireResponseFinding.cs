namespace Remedora.Fhir.Questionnaires;

/// <summary>One problem of a QuestionnaireResponse measured against its Questionnaire; never holds an answer's value.</summary>
public sealed record QuestionnaireResponseFinding
{
    /// <summary>Gets how serious the finding is.</summary>
    public required QuestionnaireResponseFindingSeverity Severity { get; init; }

    /// <summary>Gets the rule broken: a code of <see cref="QuestionnaireResponseValidationCodes"/>, or <c>constraint:{key}</c> for a <c>questionnaire-constraint</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Gets where in the response, as a FHIR path with indexes, for example <c>QuestionnaireResponse.item[2].answer[0]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the linkId of the item concerned; <see langword="null"/> when the finding is about the whole response or an item without one.</summary>
    public string? LinkId { get; init; }

    /// <summary>Gets what is wrong, in words; names rules, limits and linkIds, never an answer.</summary>
    public required string Message { get; init; }

    /// <summary>Describes the finding without values.</summary>
    /// <returns>For example <c>Error required at QuestionnaireResponse.item[0]</c>.</returns>
    public override string ToString() => $"{Severity} {Code} at {Path}";
}
