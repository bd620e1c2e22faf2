using Remedora.Intake;

namespace Remedora.Fhir.Terminology;

/// <summary>The concepts of an expanded value set, in the order of the expansion.</summary>
public sealed record ValueSetExpansion
{
    /// <summary>Gets the value set's canonical URL (without version).</summary>
    public required string Url { get; init; }

    /// <summary>Gets the value set's version, when known.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the value set's title or name, when known.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the selectable concepts (abstract grouping entries of a nested expansion are left out).</summary>
    public required IReadOnlyList<ValueSetConcept> Concepts { get; init; }
}
