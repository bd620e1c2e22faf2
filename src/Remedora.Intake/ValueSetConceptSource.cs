namespace Remedora.Intake;

/// <summary>How a value set's concepts were listed in its source.</summary>
public enum ValueSetConceptSource
{
    /// <summary>Listed in the definition (FHIR <c>compose.include.concept</c>).</summary>
    Compose = 0,

    /// <summary>Listed as an expansion (FHIR <c>expansion.contains</c>).</summary>
    Expansion = 1,
}
