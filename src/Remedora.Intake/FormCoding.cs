namespace Remedora.Intake;

/// <summary>A code from a code system, as FHIR <c>Coding</c>.</summary>
/// <param name="System">The code system's URI, for example <c>http://loinc.org</c>.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The human-readable text of the code.</param>
/// <param name="Version">The code system's version.</param>
public sealed record FormCoding(string? System = null, string? Code = null, string? Display = null, string? Version = null)
{
    /// <summary>Determines whether two codings name the same concept: equal codes, and equal systems when both have one.</summary>
    /// <param name="other">The other coding.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(FormCoding? other)
        => other is not null
            && string.Equals(Code, other.Code, StringComparison.Ordinal)
            && (System is null || other.System is null || string.Equals(System, other.System, StringComparison.Ordinal));
}
