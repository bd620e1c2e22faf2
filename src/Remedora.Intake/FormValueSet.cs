namespace Remedora.Intake;

/// <summary>
/// An enumerated set of allowed answers referred to by <see cref="FormItem.AnswerValueSet"/>, as a FHIR ValueSet
/// contained in a Questionnaire.
/// </summary>
public sealed record FormValueSet
{
    /// <summary>Gets the id by which items refer to it as <c>#id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the canonical URL.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the version.</summary>
    public string? Version { get; init; }

    /// <summary>Gets a computer-friendly name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the publication status.</summary>
    public FormStatus? Status { get; init; }

    /// <summary>Gets a description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets where the concepts were listed in the source.</summary>
    /// <value>The default is <see cref="ValueSetConceptSource.Compose"/>.</value>
    public ValueSetConceptSource ConceptSource { get; init; } = ValueSetConceptSource.Compose;

    /// <summary>Gets the concepts, in order.</summary>
    public IReadOnlyList<ValueSetConcept> Concepts { get; init; } = [];

    /// <summary>Gets extensions the model does not interpret, kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>Gets other elements of the source value set the model does not interpret (for example <c>meta</c>, <c>immutable</c>).</summary>
    public IReadOnlyDictionary<string, string> UnmappedElements { get; init; } = EmptyElements.Instance;
}
