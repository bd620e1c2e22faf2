namespace Remedora.Intake;

/// <summary>A business identifier of a form, as FHIR <c>Identifier</c> (system and value).</summary>
/// <param name="System">The namespace of the value.</param>
/// <param name="Value">The value.</param>
public sealed record FormIdentifier(string? System = null, string? Value = null);
