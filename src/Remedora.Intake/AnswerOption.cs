namespace Remedora.Intake;

/// <summary>One allowed answer of a choice item, as FHIR <c>Questionnaire.item.answerOption</c>.</summary>
public sealed record AnswerOption
{
    /// <summary>Gets the value (a coding, string, integer, date, time or reference).</summary>
    public required AnswerValue Value { get; init; }

    /// <summary>Gets a value indicating whether the option is selected when the form opens.</summary>
    public bool InitialSelected { get; init; }

    /// <summary>Gets the option's score (SDC <c>ordinalValue</c> / <c>itemWeight</c>), used by scores and <c>ordinal()</c>.</summary>
    public decimal? Score { get; init; }

    /// <summary>Gets extensions of the option the model does not interpret, kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>Gets other elements of the option in the source format, by JSON property name, kept for round trips.</summary>
    public IReadOnlyDictionary<string, string> UnmappedElements { get; init; } = EmptyElements.Instance;
}
