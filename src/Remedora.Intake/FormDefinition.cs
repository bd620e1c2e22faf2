using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>
/// A versioned form definition: what FHIR R4 Questionnaire with the Structured Data Capture (SDC) extensions can say,
/// plus scores and red-flag rules. A definition is identified by <see cref="Url"/> and <see cref="Version"/>; once a
/// version is in use it does not change, and a change is published as a new version.
/// </summary>
public sealed record FormDefinition
{
    /// <summary>
    /// The deepest nesting of items a definition may have: a top-level item is at depth 1, and an item nested in a group
    /// or under a question's answer is one deeper. The engine refuses deeper definitions when it compiles them
    /// (<see cref="Engine.FormDefinitionIssueCodes.ItemNestingTooDeep"/>), and Remedora.Fhir refuses them on import and
    /// export with the same limit.
    /// </summary>
    public const int MaxItemDepth = 12;

    /// <summary>Gets the canonical URL that identifies the form across its versions.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the version; answers record the exact version they answered.</summary>
    public required string Version { get; init; }

    /// <summary>Gets a computer-friendly name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the title shown to people.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the publication status.</summary>
    /// <value>The default is <see cref="FormStatus.Draft"/>.</value>
    public FormStatus Status { get; init; } = FormStatus.Draft;

    /// <summary>Gets a value indicating whether the form is for testing rather than real use.</summary>
    public bool? Experimental { get; init; }

    /// <summary>Gets when the definition was last changed.</summary>
    public FormDateTime? Date { get; init; }

    /// <summary>Gets the publisher's name.</summary>
    public string? Publisher { get; init; }

    /// <summary>Gets a description of the form (markdown).</summary>
    public string? Description { get; init; }

    /// <summary>Gets why the form exists (markdown).</summary>
    public string? Purpose { get; init; }

    /// <summary>Gets the copyright statement (markdown).</summary>
    public string? Copyright { get; init; }

    /// <summary>Gets when the publisher approved the form.</summary>
    public FormDate? ApprovalDate { get; init; }

    /// <summary>Gets when the form was last reviewed.</summary>
    public FormDate? LastReviewDate { get; init; }

    /// <summary>Gets when the form is expected to be used.</summary>
    public FormPeriod? EffectivePeriod { get; init; }

    /// <summary>Gets the language of the form's texts (BCP 47), for example <c>en</c>.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the kinds of subject the form is about, for example <c>Patient</c>.</summary>
    public IReadOnlyList<string> SubjectTypes { get; init; } = [];

    /// <summary>Gets codes for the form as a whole, for example a LOINC panel code.</summary>
    public IReadOnlyList<FormCoding> Codes { get; init; } = [];

    /// <summary>Gets business identifiers of the form.</summary>
    public IReadOnlyList<FormIdentifier> Identifiers { get; init; } = [];

    /// <summary>Gets canonical URLs of forms this one is derived from.</summary>
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];

    /// <summary>Gets the top-level items.</summary>
    public IReadOnlyList<FormItem> Items { get; init; } = [];

    /// <summary>Gets the form-level variables, visible to every expression of the form, in order.</summary>
    public IReadOnlyList<FormExpression> Variables { get; init; } = [];

    /// <summary>Gets the value sets the items' <see cref="FormItem.AnswerValueSet"/> refer to (for example FHIR contained value sets).</summary>
    public IReadOnlyList<FormValueSet> ValueSets { get; init; } = [];

    /// <summary>Gets the scores the form computes, for example a PHQ-9 total.</summary>
    public IReadOnlyList<FormScore> Scores { get; init; } = [];

    /// <summary>Gets the red-flag rules: answers or scores that need a clinician's attention or make asynchronous care unsafe.</summary>
    public IReadOnlyList<RedFlagRule> RedFlagRules { get; init; } = [];

    /// <summary>Gets extensions the model does not interpret, kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>
    /// Gets other elements of the source format the model does not interpret, by JSON property name (for example
    /// <c>id</c>, <c>meta</c>, or contained resources other than value sets), each value the element's JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnmappedElements { get; init; } = EmptyElements.Instance;

    /// <summary>Gets the reference to this version.</summary>
    [JsonIgnore]
    public FormVersionReference Reference => new(Url, Version);

    /// <summary>Returns the canonical reference only.</summary>
    /// <returns>For example <c>https://forms.example.org/phq-9|1.2.0</c>.</returns>
    public override string ToString() => $"{Url}|{Version}";
}
