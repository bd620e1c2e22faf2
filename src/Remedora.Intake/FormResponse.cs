namespace Remedora.Intake;

/// <summary>
/// A set of answers to one version of a form, shaped like FHIR QuestionnaireResponse: items by linkId, with answers,
/// nested items of groups, and nested items under answers.
/// </summary>
/// <remarks>A repeating group appears as several items with the same linkId; a repeating question as several answers.</remarks>
public sealed record FormResponse
{
    /// <summary>Gets the exact form version the answers are to.</summary>
    public required FormVersionReference Form { get; init; }

    /// <summary>Gets the top-level items.</summary>
    public IReadOnlyList<ResponseItem> Items { get; init; } = [];

    /// <summary>Returns the form reference only; answers never appear in text the SDK produces.</summary>
    /// <returns>For example <c>response to https://forms.example.org/phq-9|1.0.0</c>.</returns>
    public override string ToString() => $"response to {Form}";
}
