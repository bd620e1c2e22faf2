namespace Remedora.Intake;

/// <summary>A concept of a <see cref="FormValueSet"/>.</summary>
public sealed record ValueSetConcept
{
    /// <summary>Gets the code system's URI.</summary>
    public string? System { get; init; }

    /// <summary>Gets the code system's version.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the code.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the display text.</summary>
    public string? Display { get; init; }

    /// <summary>Gets the concept's score (SDC <c>ordinalValue</c> / <c>itemWeight</c>).</summary>
    public decimal? Score { get; init; }

    /// <summary>Gets extensions the model does not interpret, kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>Gets the concept as a coding.</summary>
    /// <returns>The coding.</returns>
    public FormCoding ToCoding() => new(System, Code, Display, Version);
}
